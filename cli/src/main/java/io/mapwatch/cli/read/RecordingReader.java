package io.mapwatch.cli.read;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.events.MapwatchEvents;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One streaming pass over recordings that turns the events the analyses need into {@link Fact}s,
 * handed over in time order. Events of other types are skipped by JFR's parser without being
 * decoded. Within a flush segment, facts are sorted by end time, as an ordered JFR stream does,
 * but on the small facts rather than on JFR's event objects.
 */
public final class RecordingReader {
    private static final Map<String, Function<RecordedEvent, Fact>> CONVERTERS = converters();

    private RecordingReader() {
    }

    /** The names of the event types that become facts. */
    public static Set<String> eventNames() {
        return CONVERTERS.keySet();
    }

    /** The fact of one event, as a pass over a recording reads it; null for an event of another type. */
    public static Fact fact(RecordedEvent event) {
        Function<RecordedEvent, Fact> converter = CONVERTERS.get(event.getEventType().getName());
        return converter == null ? null : converter.apply(event);
    }

    /**
     * Checks every input before any is read, so that bad input fails before output starts; the
     * recordings sorted by start. An input is a recording file or a folder of them (JFR's repository).
     */
    public static List<ChunkScan> scan(List<Path> inputs, PrintWriter warnings) {
        List<ChunkScan> scans = new ArrayList<>();
        for (Path input : inputs) {
            scans.addAll(scan(input, warnings));
        }
        scans.sort(Comparator.comparing(ChunkScan::start));
        return scans;
    }

    /**
     * The recordings of one input, sorted by start: the file, or the {@code .jfr} files of a folder
     * (the chunk files of JFR's repository). In a folder, a file with no complete chunk (the chunk
     * JFR is writing, or one it left cut short) is skipped with one line on {@code warnings}.
     *
     * @throws CliException (exit 3) when the file cannot be used, or the folder holds no readable recording
     */
    public static List<ChunkScan> scan(Path input, PrintWriter warnings) {
        if (!Files.isDirectory(input)) {
            return List.of(ChunkScan.of(input));
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(input)) {
            files = entries.filter(f -> f.getFileName().toString().endsWith(".jfr") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw CliException.badInput("cannot list the folder " + input + ": " + e.getMessage());
        }
        List<ChunkScan> scans = new ArrayList<>();
        for (Path file : files) {
            try {
                scans.add(ChunkScan.of(file));
            } catch (CliException unusable) {
                warnings.println("mapwatch: skipping " + file.getFileName() + " in " + input + ": "
                        + unusable.getMessage().replace(file.toString(), "it") + " (JFR may still be writing it)");
                warnings.flush();
            }
        }
        if (scans.isEmpty()) {
            throw CliException.badInput(input + " is a folder without a readable recording (no complete .jfr file in it)");
        }
        scans.sort(Comparator.comparing(ChunkScan::start));
        return scans;
    }

    /**
     * Reads {@code scans} one after the other into {@code sink}; with a {@code window} (null: all),
     * recordings that begin after it are not read.
     */
    public static List<RecordingInfo> read(List<ChunkScan> scans, TimeWindow window, Consumer<Fact> sink,
                                           PrintWriter warnings) {
        List<RecordingInfo> infos = new ArrayList<>();
        for (ChunkScan scan : scans) {
            if (window == null) {
                infos.add(read(scan, scan.readableBytes(), sink, warnings));
            } else if (!scan.start().isAfter(window.to())) {
                infos.add(read(scan, scan.bytesUpTo(window.to()), sink, warnings));
            }
        }
        return infos;
    }

    /**
     * Reads the first {@code bytes} of a recording (whole chunks) into {@code sink}.
     *
     * @throws CliException (exit 3) when nothing in the file can be read
     */
    private static RecordingInfo read(ChunkScan scan, long bytes, Consumer<Fact> sink, PrintWriter warnings) {
        Path readable = scan.file();
        try {
            if (scan.cutShort()) {
                warnings.println("mapwatch: " + scan.file() + " was cut short; using its " + scan.chunks()
                        + " complete chunk(s), " + scan.readableBytes() + " of " + scan.fileBytes() + " bytes");
                warnings.flush();
            }
            if (bytes < scan.fileBytes()) {
                readable = firstBytesOf(scan, bytes);
            }
            return new PipelinedRead(scan, sink).run(readable);
        } finally {
            if (readable != scan.file()) {
                deleteQuietly(readable);
            }
        }
    }

    /**
     * A copy of the first {@code bytes} (whole chunks): of the complete chunks, as JFR's parser would
     * wait forever on an unfinished one, and of those up to the end of a time window.
     */
    private static Path firstBytesOf(ChunkScan scan, long bytes) {
        try {
            Path copy = Files.createTempFile("mapwatch-complete-", ".jfr");
            try (FileChannel in = FileChannel.open(scan.file(), StandardOpenOption.READ);
                 FileChannel out = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                for (long done = 0; done < bytes; ) {
                    done += in.transferTo(done, bytes - done, out);
                }
            }
            return copy;
        } catch (IOException e) {
            throw CliException.badInput("cannot copy the complete part of " + scan.file() + " aside: " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary copy left behind is harmless
        }
    }

    /**
     * One pass over one file on two threads: the calling thread runs JFR's parser and hands the
     * events over in batches; a second thread reads their fields into facts, sorts each flush
     * segment by end time and feeds the sink. Each thread does about half of the work.
     */
    private static final class PipelinedRead {
        private static final int BATCH = 4096;
        /** Marks the end of a flush segment in the queue. */
        private static final List<RecordedEvent> SEGMENT_END = new ArrayList<>();
        /** Marks the end of the file in the queue. */
        private static final List<RecordedEvent> FILE_END = new ArrayList<>();

        private final ChunkScan scan;
        private final Consumer<Fact> sink;
        private final BlockingQueue<List<RecordedEvent>> queue = new ArrayBlockingQueue<>(8);
        private List<RecordedEvent> batch = new ArrayList<>(BATCH);
        private volatile RuntimeException sinkFailure;
        private long mapwatchEvents;

        PipelinedRead(ChunkScan scan, Consumer<Fact> sink) {
            this.scan = scan;
            this.sink = sink;
        }

        RecordingInfo run(Path readable) {
            Thread consumer = new Thread(this::consume, "mapwatch-reader");
            consumer.setDaemon(true);
            consumer.start();
            RuntimeException parseFailure = null;
            try (EventStream stream = EventStream.openFile(readable)) {
                stream.setOrdered(false);
                stream.setReuse(false);
                CONVERTERS.keySet().forEach(name -> stream.onEvent(name, event -> {
                    batch.add(event);
                    if (batch.size() == BATCH) {
                        handOver(stream, batch);
                        batch = new ArrayList<>(BATCH);
                    }
                }));
                stream.onFlush(() -> {
                    handOver(stream, batch);
                    handOver(stream, SEGMENT_END);
                    batch = new ArrayList<>(BATCH);
                });
                stream.start();
            } catch (IOException | RuntimeException e) {
                parseFailure = new CliException(ExitCode.BAD_INPUT,
                        scan.file() + " is not a readable JFR recording (" + e.getMessage() + ")", e);
            }
            handOver(null, batch);
            handOver(null, SEGMENT_END);
            handOver(null, FILE_END);
            join(consumer);
            if (sinkFailure != null) {
                throw sinkFailure;
            }
            if (parseFailure != null) {
                throw parseFailure;
            }
            return new RecordingInfo(scan.file(), scan.start(), scan.end(), scan.chunks(), mapwatchEvents, scan.cutShort());
        }

        private void handOver(EventStream stream, List<RecordedEvent> events) {
            if (events.isEmpty() && events != SEGMENT_END && events != FILE_END) {
                return;
            }
            if (sinkFailure != null && stream != null) {
                stream.close();
            }
            try {
                queue.put(events);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + scan.file(), e);
            }
        }

        private void consume() {
            List<Fact> segment = new ArrayList<>();
            try {
                for (List<RecordedEvent> events = queue.take(); events != FILE_END; events = queue.take()) {
                    if (sinkFailure != null) {
                        continue;
                    }
                    try {
                        if (events == SEGMENT_END) {
                            sortByEnd(segment);
                            segment.forEach(sink);
                            segment.clear();
                        } else {
                            for (RecordedEvent event : events) {
                                segment.add(toFact(event));
                            }
                        }
                    } catch (RuntimeException e) {
                        sinkFailure = e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private Fact toFact(RecordedEvent event) {
            if (event.getEventType().getName().startsWith(MapwatchEvents.PREFIX)) {
                mapwatchEvents++;
            }
            return fact(event);
        }

        private static void join(Thread consumer) {
            try {
                consumer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
        }
    }

    /** Sorts facts by end time; a segment written by one thread is in order already and is left as it is. */
    static void sortByEnd(List<Fact> facts) {
        long[] ends = new long[facts.size()];
        boolean sorted = true;
        for (int i = 0; i < ends.length; i++) {
            ends[i] = facts.get(i).endNanos();
            sorted &= i == 0 || ends[i - 1] <= ends[i];
        }
        if (sorted) {
            return;
        }
        List<Ended> ended = new ArrayList<>(ends.length);
        for (int i = 0; i < ends.length; i++) {
            ended.add(new Ended(ends[i], facts.get(i)));
        }
        ended.sort(Comparator.comparingLong(Ended::end));
        for (int i = 0; i < ends.length; i++) {
            facts.set(i, ended.get(i).fact());
        }
    }

    private record Ended(long end, Fact fact) {
    }

    private static Map<String, Function<RecordedEvent, Fact>> converters() {
        Map<String, Function<RecordedEvent, Fact>> c = new LinkedHashMap<>();
        c.put(MapwatchEvents.MAP, e -> new Fact.Map(e.getStartTime(), e.getDuration().toNanos(), text(e, "path"),
                e.getLong("mappedSize"), e.getLong("address"), e.getBoolean("fileExtended"), e.getStackTrace()));
        c.put(MapwatchEvents.LIVE_MAPPING, e -> new Fact.LiveMapping(e.getStartTime(), text(e, "path"),
                e.getLong("mappedSize"), e.getLong("address"), e.getInstant("mappedAt"), text(e, "mappedFrom")));
        c.put(MapwatchEvents.UNMAP, e -> new Fact.Unmap(e.getStartTime(), e.getDuration().toNanos(), text(e, "path"),
                e.getLong("address"), e.getLong("lifetime"), text(e, "trigger")));
        c.put(MapwatchEvents.MAP_FAILURE, e -> new Fact.MapFailure(e.getStartTime(), text(e, "path"),
                text(e, "mode"), e.getLong("size"), text(e, "message"), e.getLong("mapCount"),
                e.getLong("maxMapCount"), e.getStackTrace()));
        c.put(MapwatchEvents.FORCE, e -> new Fact.Force(e.getStartTime(), e.getDuration().toNanos(), text(e, "path")));
        c.put(MapwatchEvents.LOAD, e -> new Fact.Load(e.getStartTime(), e.getDuration().toNanos(), text(e, "path")));
        c.put(MapwatchEvents.MAPPED_READ, e -> new Fact.MappedAccess(e.getStartTime(), e.getDuration().toNanos(),
                osThreadId(e.getThread()), text(e, "path"), e.getLong("bytesRead"), false));
        c.put(MapwatchEvents.MAPPED_WRITE, e -> new Fact.MappedAccess(e.getStartTime(), e.getDuration().toNanos(),
                osThreadId(e.getThread()), text(e, "path"), e.getLong("bytesWritten"), true));
        c.put(MapwatchEvents.MAPPING_RESIDENCY, e -> new Fact.MappingResidency(e.getStartTime(), text(e, "path"),
                e.getLong("address"), e.getLong("mappedSize"), e.getLong("residentBytes"), e.getLong("pageCacheBytes"),
                new Fact.SmapsFigures(e.getLong("rss"), e.getLong("pss"), e.getLong("sharedClean"),
                        e.getLong("sharedDirty"), e.getLong("privateClean"), e.getLong("privateDirty"),
                        e.getLong("referenced"), e.getLong("swap"))));
        c.put(MapwatchEvents.WORKING_SET, e -> new Fact.WorkingSet(e.getStartTime(), text(e, "path"), e.getLong("address"),
                e.getLong("mappedSize"), e.getLong("window"), e.getLong("referencedBytes"), e.getLong("residentBytes")));
        c.put(MapwatchEvents.MAPPED_MEMORY, e -> new Fact.MappedMemory(e.getStartTime(), e.getLong("trackedCount"),
                e.getLong("trackedBytes"), e.getLong("trackedResidentBytes"), e.getLong("untrackedCount"),
                e.getLong("untrackedBytes"), e.getLong("mapCount"), e.getLong("maxMapCount"), e.getLong("rssFile"),
                e.getLong("rssAnon")));
        c.put(MapwatchEvents.UNTRACKED_MAPPING, e -> new Fact.UntrackedMapping(e.getStartTime(), text(e, "path"),
                e.getLong("address"), e.getLong("size")));
        c.put(MapwatchEvents.PAGE_FAULTS, e -> new Fact.PageFaults(e.getStartTime(), e.getLong("minorFaults"),
                e.getLong("majorFaults")));
        c.put(MapwatchEvents.THREAD_PAGE_FAULTS, e -> new Fact.ThreadPageFaults(e.getStartTime(),
                e.getLong("osThreadId"), text(e, "threadName"), e.getLong("minorFaults"), e.getLong("majorFaults")));
        c.put(MapwatchEvents.PAGE_FAULT_STALL, e -> new Fact.PageFaultStall(e.getStartTime(),
                e.getDuration().toNanos(), e.hasField("blockedTime") ? e.getLong("blockedTime") : e.getDuration().toNanos(),
                e.getLong("osThreadId"), text(e, "threadName"), e.getLong("samples"),
                e.getLong("majorFaults")));
        c.put(MapwatchEvents.FAULT_RANGE, e -> new Fact.FaultRange(e.getStartTime(), e.getDuration().toNanos(),
                text(e, "path"), e.getBoolean("tracked"), e.getLong("osThreadId"), text(e, "threadName"),
                e.getLong("offset"), e.getLong("length"), e.getLong("majorFaults"), e.getLong("stallTime"),
                e.getLong("interval")));
        c.put(MapwatchEvents.MEMORY_PRESSURE, e -> new Fact.MemoryPressure(e.getStartTime(),
                e.getDouble("psiSomeAvg10"), e.getDouble("psiFullAvg10"), e.getLong("cgroupLimit"),
                e.getLong("cgroupUsage"), e.getLong("cgroupFile"), e.getLong("cgroupRefaults"), e.getLong("cached")));
        c.put(MapwatchEvents.MAPPING_HAZARD, e -> new Fact.MappingHazard(e.getStartTime(), text(e, "kind"),
                text(e, "path"), e.getLong("address"), e.getLong("mappedSize"), e.getLong("fileSize"), text(e, "detail")));
        c.put(MapwatchEvents.AGENT_STATUS, e -> new Fact.AgentStatus(e.getStartTime(), text(e, "version")));
        c.put(MapwatchEvents.SOURCE_STATUS, e -> new Fact.SourceStatus(e.getStartTime(), text(e, "source"),
                text(e, "state"), text(e, "reason")));
        c.put("jdk.ExecutionSample", e -> {
            RecordedThread thread = e.getThread("sampledThread");
            return new Fact.ExecutionSample(e.getStartTime(), osThreadId(thread),
                    thread == null ? null : thread.getJavaName(), e.getStackTrace());
        });
        c.put("jdk.FileRead", e -> new Fact.FileRead(e.getStartTime(), e.getDuration().toNanos(), text(e, "path"),
                e.getLong("bytesRead")));
        c.put("jdk.JavaErrorThrow", e -> new Fact.ErrorThrown(e.getStartTime(), osThreadId(e.getThread()),
                className(e.getClass("thrownClass")), text(e, "message"), e.getStackTrace()));
        c.put("jdk.JVMInformation", e -> new Fact.JvmIdentity(e.getStartTime(), e.getLong("pid"),
                e.getInstant("jvmStartTime")));
        return c;
    }

    /** A string field: getValue looks the field up once, where getString looks it up twice. */
    /** A text field, or null when this recording's event type has no such field. */
    private static String text(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getValue(field) : null;
    }

    private static long osThreadId(RecordedThread thread) {
        return thread == null ? -1 : thread.getOSThreadId();
    }

    private static String className(RecordedClass type) {
        return type == null ? null : type.getName();
    }
}
