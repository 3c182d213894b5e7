package io.mapwatch.cli;

import io.mapwatch.events.AgentStatusEvent;
import io.mapwatch.events.ForceEvent;
import io.mapwatch.events.LiveMappingEvent;
import io.mapwatch.events.LoadEvent;
import io.mapwatch.events.MapEvent;
import io.mapwatch.events.MapFailureEvent;
import io.mapwatch.events.MappedMemoryEvent;
import io.mapwatch.events.MappedReadEvent;
import io.mapwatch.events.MappedWriteEvent;
import io.mapwatch.events.MappingHazardEvent;
import io.mapwatch.events.MappingResidencyEvent;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.MemoryPressureEvent;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.events.PageFaultsEvent;
import io.mapwatch.events.SamplerStatusEvent;
import io.mapwatch.events.SourceStatusEvent;
import io.mapwatch.events.ThreadPageFaultsEvent;
import io.mapwatch.events.UnmapEvent;
import io.mapwatch.events.UntrackedMappingEvent;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A synthetic recording made inside the test JVM: the test commits instances of the mapwatch
 * event classes with chosen field values, for cases a real workload cannot cause on demand.
 */
public final class SyntheticRecording implements AutoCloseable {
    private final Recording recording = new Recording();

    /** Every mapwatch event class, all declared in every recording as the agent declares them. */
    private static final List<Class<? extends Event>> EVENTS = List.of(MapEvent.class, LiveMappingEvent.class,
            UnmapEvent.class, ForceEvent.class, LoadEvent.class, MapFailureEvent.class, MappedReadEvent.class,
            MappedWriteEvent.class, MappingResidencyEvent.class, MappedMemoryEvent.class, UntrackedMappingEvent.class,
            PageFaultsEvent.class, ThreadPageFaultsEvent.class, PageFaultStallEvent.class, MemoryPressureEvent.class,
            MappingHazardEvent.class, AgentStatusEvent.class, SourceStatusEvent.class, SamplerStatusEvent.class);

    public SyntheticRecording() {
        for (Class<? extends Event> event : EVENTS) {
            FlightRecorder.register(event);
            recording.enable(event).withThreshold(Duration.ZERO).withStackTrace();
        }
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        recording.start();
    }

    /** Commits {@code event} now, with no duration. */
    public static <E extends Event> E commit(E event) {
        event.commit();
        return event;
    }

    /** Commits {@code event} after it lasted about {@code millis}: the duration is real time, so this sleeps. */
    public static <E extends Event> E commitAfter(E event, long millis) {
        event.begin();
        sleep(millis);
        event.end();
        event.commit();
        return event;
    }

    /** A {@code READ_ONLY} map of {@code size} bytes of {@code path} from its start, at {@code address}. */
    public static MapEvent map(String path, long address, long size) {
        MapEvent event = new MapEvent();
        event.path = path;
        event.mode = MapwatchEvents.MODE_READ_ONLY;
        event.api = MapwatchEvents.API_BYTE_BUFFER;
        event.size = size;
        event.mappedSize = size;
        event.address = address;
        event.fileSize = size;
        return event;
    }

    /** A residency sample of one mapping with {@code cached} bytes resident and in the page cache, smaps not read. */
    public static MappingResidencyEvent residency(String path, long address, long mappedSize, long cached) {
        MappingResidencyEvent event = new MappingResidencyEvent();
        event.path = path;
        event.address = address;
        event.mappedSize = mappedSize;
        event.residentBytes = cached;
        event.pageCacheBytes = cached;
        event.rss = -1;
        event.pss = -1;
        event.sharedClean = -1;
        event.sharedDirty = -1;
        event.privateClean = -1;
        event.privateDirty = -1;
        event.referenced = -1;
        event.swap = -1;
        return event;
    }

    public static UntrackedMappingEvent untracked(String path, long address, long size) {
        UntrackedMappingEvent event = new UntrackedMappingEvent();
        event.path = path;
        event.address = address;
        event.size = size;
        event.permissions = "r--s";
        return event;
    }

    public static MappingHazardEvent hazard(String kind, String path, long address, long mappedSize, long fileSize) {
        MappingHazardEvent event = new MappingHazardEvent();
        event.kind = kind;
        event.path = path;
        event.address = address;
        event.mappedSize = mappedSize;
        event.fileSize = fileSize;
        event.detail = kind + " seen by a test";
        return event;
    }

    /** A {@code mapwatch.SourceStatus} as the agent emits it for {@code source} (such as "stalls") in {@code state}. */
    public static SourceStatusEvent source(String source, String state) {
        SourceStatusEvent event = new SourceStatusEvent();
        event.source = source;
        event.state = state;
        event.reason = state.equals(MapwatchEvents.SOURCE_OK) ? null : "set by a test";
        return event;
    }

    /** This thread's OS thread id, the number JFR and the agent know it by. */
    public static long osThreadId() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the recording and writes it to {@code file}. */
    public Path dump(Path file) {
        try {
            recording.stop();
            recording.dump(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        recording.close();
    }
}
