package io.mapwatch.cli;

import io.mapwatch.cli.analysis.Stalls;
import io.mapwatch.events.AbstractMappingEvent;
import io.mapwatch.events.AgentStatusEvent;
import io.mapwatch.events.FaultRangeEvent;
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
import io.mapwatch.events.WorkingSetEvent;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A synthetic recording made inside the test JVM: the test commits instances of the mapwatch
 * event classes with chosen field values, for cases a real workload cannot cause on demand.
 */
public final class SyntheticRecording implements AutoCloseable {
    private static volatile long sink;
    private final Recording recording = new Recording();

    /** Every mapwatch event class, all declared in every recording as the agent declares them. */
    private static final List<Class<? extends Event>> EVENTS = List.of(MapEvent.class, LiveMappingEvent.class,
            UnmapEvent.class, ForceEvent.class, LoadEvent.class, MapFailureEvent.class, MappedReadEvent.class,
            MappedWriteEvent.class, MappingResidencyEvent.class, MappedMemoryEvent.class, UntrackedMappingEvent.class,
            PageFaultsEvent.class, ThreadPageFaultsEvent.class, PageFaultStallEvent.class, MemoryPressureEvent.class,
            MappingHazardEvent.class, AgentStatusEvent.class, SourceStatusEvent.class, SamplerStatusEvent.class,
            FaultRangeEvent.class, WorkingSetEvent.class);

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

    /** A memory pressure sample: PSI some {@code psiSome} (full half of it), {@code refaults}, no cgroup limit. */
    public static MemoryPressureEvent pressure(double psiSome, long refaults) {
        MemoryPressureEvent pressure = new MemoryPressureEvent();
        pressure.psiSomeAvg10 = psiSome;
        pressure.psiFullAvg10 = psiSome / 2;
        pressure.psiSomeStall = 0;
        pressure.psiFullStall = 0;
        pressure.cgroupLimit = -1;
        pressure.cgroupUsage = -1;
        pressure.cgroupFile = -1;
        pressure.cgroupFileMapped = -1;
        pressure.cgroupRefaults = refaults;
        pressure.cached = 1L << 30;
        pressure.mapped = -1;
        pressure.dirty = 0;
        pressure.writeback = 0;
        return pressure;
    }

    /** The process's mappings: one tracked of {@code trackedBytes}, {@code mapCount} of vm.max_map_count 65,530. */
    public static MappedMemoryEvent processMemory(long trackedBytes, long mapCount) {
        MappedMemoryEvent memory = new MappedMemoryEvent();
        memory.trackedCount = 1;
        memory.trackedBytes = trackedBytes;
        memory.trackedResidentBytes = -1;
        memory.mapCount = mapCount;
        memory.maxMapCount = 65_530;
        memory.rssFile = -1;
        memory.rssAnon = -1;
        return memory;
    }

    /** Commits {@code count} timed reads of 64 KiB of {@code path}, one per 4 KiB of offset. */
    public static void reads(String path, int count) {
        for (int i = 0; i < count; i++) {
            MappedReadEvent read = new MappedReadEvent();
            read.path = path;
            read.offset = i * 4096L;
            read.bytesRead = 65536;
            commit(read);
        }
    }

    /** A page-fault stall of the calling thread (20 samples, 3 major faults), to be begun and committed. */
    public static PageFaultStallEvent stall() {
        PageFaultStallEvent stall = new PageFaultStallEvent();
        stall.osThreadId = osThreadId();
        stall.threadName = Thread.currentThread().getName();
        stall.samples = 20;
        stall.majorFaults = 3;
        return stall;
    }

    /** A stall the thread spent blocked all through: {@code millis} long, as its {@code blockedTime} says. */
    public static PageFaultStallEvent commitStall(PageFaultStallEvent stall, long millis) {
        stall.blockedTime = TimeUnit.MILLISECONDS.toNanos(millis);
        return commitAfter(stall, millis);
    }

    /** A {@code READ_ONLY} map of {@code size} bytes of {@code path} from its start, at {@code address}. */
    public static MapEvent map(String path, long address, long size) {
        MapEvent event = readOnlyMapping(new MapEvent(), path, address, size);
        event.fileSize = size;
        return event;
    }

    /** Fills {@code event} as a {@code READ_ONLY} {@code ByteBuffer} map of {@code size} bytes of {@code path} from its start. */
    public static <E extends AbstractMappingEvent> E readOnlyMapping(E event, String path, long address, long size) {
        event.path = path;
        event.mode = MapwatchEvents.MODE_READ_ONLY;
        event.api = MapwatchEvents.API_BYTE_BUFFER;
        event.size = size;
        event.mappedSize = size;
        event.address = address;
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

    /** The end of one working-set window of {@code window} for one mapping: {@code referenced} of {@code resident} bytes touched. */
    public static WorkingSetEvent workingSet(String path, long address, long mappedSize, Duration window, long referenced,
                                             long resident) {
        WorkingSetEvent event = new WorkingSetEvent();
        event.path = path;
        event.address = address;
        event.mappedSize = mappedSize;
        event.window = window.toNanos();
        event.referencedBytes = referenced;
        event.residentBytes = resident;
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

    /**
     * Exact major faults as the agent counts them: {@code majorFaults} of thread {@code osThreadId} on
     * [offset, offset + length) of {@code path} (null: not a file) in the last {@code intervalMillis},
     * with {@code stallMillis} of stall time on them (-1: not measured).
     */
    public static FaultRangeEvent faultRange(String path, long osThreadId, String threadName, long offset, long length,
                                             long majorFaults, long stallMillis, long intervalMillis) {
        FaultRangeEvent event = new FaultRangeEvent();
        event.path = path;
        event.tracked = path != null;
        event.osThreadId = osThreadId;
        event.threadName = threadName;
        event.offset = path == null ? -1 : offset;
        event.length = path == null ? -1 : length;
        event.majorFaults = majorFaults;
        event.stallTime = stallMillis < 0 ? -1 : stallMillis * 1_000_000;
        event.interval = intervalMillis * 1_000_000;
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

/**
     * Runs Java code on this thread, where JFR's execution sampler (every 10 ms) sees it: until the
     * thread has had {@code cpuMillis} of CPU, or the join window after the stall is nearly over on
     * a machine too busy to give it that. The clocks are read rarely, as a thread in a native call
     * is not an execution sample.
     */
    public static void spinWhereTheSamplerSeesIt(long cpuMillis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuEnd = threads.getCurrentThreadCpuTime() + cpuMillis * 1_000_000;
        long wallEnd = System.nanoTime() + Stalls.SAMPLE_WINDOW.toNanos() * 9 / 10;
        long x = 1;
        do {
            for (int i = 0; i < 1_000_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        } while (threads.getCurrentThreadCpuTime() < cpuEnd && System.nanoTime() < wallEnd);
        sink = x;
    }

    /**
     * A recording from {@code make} (given the attempt, 1 to 10) in which the execution sample the
     * CLI joins with each stall (the stalled thread's first one from the stall's start to
     * {@link Stalls#SAMPLE_WINDOW} after its end) was taken in {@link #spinWhereTheSamplerSeesIt}:
     * on a loaded machine JFR's sampler can miss the spinning thread, or catch it still committing
     * the stall, so the input is made again until it holds the sample a test is about. Only the
     * input is made again, never the CLI's answer.
     */
    public static Path untilSampledSpinning(IntFunction<Path> make) {
        for (int attempt = 1; ; attempt++) {
            Path recording = make.apply(attempt);
            if (sampledSpinning(recording)) {
                return recording;
            }
            if (attempt == 10) {
                throw new AssertionError("JFR's sampler missed the spinning thread in 10 recordings, the last " + recording);
            }
        }
    }

    /** Whether every stall of {@code recording} has, as the sample the CLI joins with it, one taken in {@link #spinWhereTheSamplerSeesIt}. */
    public static boolean sampledSpinning(Path recording) {
        List<RecordedEvent> events;
        try {
            events = RecordingFile.readAllEvents(recording);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<RecordedEvent> samples = events.stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null)
                .sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList();
        List<RecordedEvent> stalls = events.stream()
                .filter(e -> e.getEventType().getName().equals(MapwatchEvents.PAGE_FAULT_STALL)).toList();
        return !stalls.isEmpty() && stalls.stream().allMatch(stall -> samples.stream()
                .filter(s -> s.getThread("sampledThread").getOSThreadId() == stall.getLong("osThreadId")
                        && !s.getStartTime().isBefore(stall.getStartTime())
                        && !s.getStartTime().isAfter(stall.getEndTime().plus(Stalls.SAMPLE_WINDOW)))
                .findFirst()
                .map(s -> s.getStackTrace().getFrames().stream()
                        .anyMatch(f -> f.getMethod().getName().equals("spinWhereTheSamplerSeesIt")))
                .orElse(false));
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
