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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One streaming pass over recordings that turns the events the analyses need into {@link Fact}s,
 * handed over in time order. Events of other types are skipped by JFR's parser without being
 * decoded. Within a flush segment, facts are sorted by end time, as an ordered JFR stream does,
 * but on the small facts rather than on JFR's event objects.
 */
public final class RecordingReader {
    private static final Map<String, Converter> CONVERTERS = converters();
    private static final Comparator<Fact> BY_END = Comparator.comparingLong(Fact::endNanos);
    /** The heap one file parsed ahead of the sink may take; bounds how many are parsed at once. */
    private static final long HEAP_PER_READER = 64L << 20;

    private RecordingReader() {
    }

    /** The names of the event types that become facts. */
    public static Set<String> eventNames() {
        return CONVERTERS.keySet();
    }

    /**
     * The fact of one event, as a pass over a recording reads it; null for an event of another type.
     * {@code fields} reads the fields (one per stream).
     */
    public static Fact fact(RecordedEvent event, FieldReader fields) {
        Converter converter = CONVERTERS.get(event.getEventType().getName());
        return converter == null ? null : converter.convert(event, fields);
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
     * Reads {@code scans} into {@code sink} one after the other, as one pass; with a {@code window}
     * (null: all), recordings that begin after it are not read. Files are parsed on up to
     * {@link #readers} threads at once, each a little ahead of the sink, which hears them in order.
     */
    public static List<RecordingInfo> read(List<ChunkScan> scans, TimeWindow window, Consumer<Fact> sink,
                                           PrintWriter warnings) {
        return read(scans, window, sink, warnings, readers(scans.size()));
    }

    /** {@link #read(List, TimeWindow, Consumer, PrintWriter)} with {@code readers} files parsed at once. */
    static List<RecordingInfo> read(List<ChunkScan> scans, TimeWindow window, Consumer<Fact> sink,
                                    PrintWriter warnings, int readers) {
        List<FileRead> reads = new ArrayList<>();
        for (ChunkScan scan : scans) {
            if (window == null) {
                reads.add(new FileRead(scan, scan.readableBytes()));
            } else if (!scan.start().isAfter(window.to())) {
                reads.add(new FileRead(scan, scan.bytesUpTo(window.to())));
            }
        }
        ExecutorService parsers = Executors.newFixedThreadPool(Math.max(1, readers), parse -> {
            Thread thread = new Thread(parse, "mapwatch-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            reads.forEach(read -> parsers.execute(read::parse)); // started in order, so the next file to drain is always running
            List<RecordingInfo> infos = new ArrayList<>();
            for (FileRead read : reads) {
                infos.add(read.drainInto(sink, warnings));
            }
            return infos;
        } finally {
            reads.forEach(FileRead::cancel);
            parsers.shutdownNow();
        }
    }

    /**
     * How many files to parse at once: one per processor, as long as each has
     * {@link #HEAP_PER_READER} of the heap for its JFR parser (a chunk's constant pools) and the
     * facts it has read ahead.
     */
    static int readers(int files) {
        long byHeap = Runtime.getRuntime().maxMemory() / HEAP_PER_READER;
        return (int) Math.max(1, Math.min(files, Math.min(Runtime.getRuntime().availableProcessors(), byHeap)));
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
     * One file of a pass. A parser thread runs JFR's parser over it, reads each event into a fact
     * in its handler (no JFR event outlives it) and queues the facts in batches, a bounded number
     * ahead; the thread of the pass drains the queue when the file's turn comes, sorts each flush
     * segment by end time and feeds the sink. What stays alive between two garbage collections is
     * the facts of one segment and the few batches queued per file.
     */
    private static final class FileRead {
        private static final int BATCH = 4096;
        private static final int QUEUED_BATCHES = 8;
        /** Marks the end of a flush segment in the queue. */
        private static final List<Fact> SEGMENT_END = new ArrayList<>();
        /** Marks the end of the file in the queue. */
        private static final List<Fact> FILE_END = new ArrayList<>();

        private final ChunkScan scan;
        private final long bytes;
        private final BlockingQueue<List<Fact>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES + 2);
        private final FieldReader fields = new FieldReader();
        private List<Fact> batch = new ArrayList<>(BATCH);
        private volatile boolean cancelled;
        private volatile EventStream stream;
        // Written by the parser thread before it queues FILE_END, read by the draining thread after it takes it.
        private RuntimeException convertFailure;
        private RuntimeException parseFailure;
        private long mapwatchEvents;

        FileRead(ChunkScan scan, long bytes) {
            this.scan = scan;
            this.bytes = bytes;
        }

        /** On a parser thread: the whole file into the queue, ending with FILE_END. */
        void parse() {
            Path readable = scan.file();
            try {
                if (bytes < scan.fileBytes()) {
                    readable = firstBytesOf(scan, bytes);
                }
                parse(readable);
            } catch (CliException e) {
                parseFailure = e;
            } finally {
                if (readable != scan.file()) {
                    deleteQuietly(readable);
                }
                handOver(batch);
                handOver(SEGMENT_END);
                handOver(FILE_END);
            }
        }

        private void parse(Path readable) {
            try (EventStream events = EventStream.openFile(readable)) {
                stream = events;
                if (cancelled) {
                    return;
                }
                events.setOrdered(false);
                events.setReuse(true); // safe: no event outlives its handler, and what a fact keeps (texts, stacks) is not reused
                CONVERTERS.forEach((name, converter) -> {
                    boolean mapwatch = name.startsWith(MapwatchEvents.PREFIX);
                    events.onEvent(name, event -> add(converter, mapwatch, event));
                });
                events.onFlush(() -> {
                    handOver(batch);
                    handOver(SEGMENT_END);
                    batch = new ArrayList<>(BATCH);
                });
                events.start();
            } catch (IOException | RuntimeException e) {
                if (!cancelled && convertFailure == null) {
                    parseFailure = new CliException(ExitCode.BAD_INPUT,
                            scan.file() + " is not a readable JFR recording (" + e.getMessage() + ")", e);
                }
            }
        }

        private void add(Converter converter, boolean mapwatch, RecordedEvent event) {
            if (convertFailure != null || cancelled) {
                return;
            }
            try {
                batch.add(converter.convert(event, fields));
            } catch (RuntimeException e) {
                convertFailure = e;
                stream.close();
                return;
            }
            if (mapwatch) {
                mapwatchEvents++;
            }
            if (batch.size() == BATCH) {
                handOver(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        private void handOver(List<Fact> facts) {
            if (cancelled || facts.isEmpty() && facts != SEGMENT_END && facts != FILE_END) {
                return;
            }
            try {
                queue.put(facts);
            } catch (InterruptedException e) {
                cancel(); // the pass ended early: nobody drains this file
            }
        }

        /** On the thread of the pass: feeds the file's facts to {@code sink} as they come, segment by segment. */
        RecordingInfo drainInto(Consumer<Fact> sink, PrintWriter warnings) {
            if (scan.cutShort()) {
                warnings.println("mapwatch: " + scan.file() + " was cut short; using its " + scan.chunks()
                        + " complete chunk(s), " + scan.readableBytes() + " of " + scan.fileBytes() + " bytes");
                warnings.flush();
            }
            List<Fact> segment = new ArrayList<>();
            for (List<Fact> facts = take(); facts != FILE_END; facts = take()) {
                if (facts == SEGMENT_END) {
                    sortByEnd(segment);
                    segment.forEach(sink);
                    segment.clear();
                } else {
                    segment.addAll(facts);
                }
            }
            if (convertFailure != null) {
                throw convertFailure;
            }
            if (parseFailure != null) {
                throw parseFailure;
            }
            return new RecordingInfo(scan.file(), scan.start(), scan.end(), scan.chunks(), mapwatchEvents, scan.cutShort());
        }

        private List<Fact> take() {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + scan.file(), e);
            }
        }

        /** Stops the parser (the pass failed or ended): from any thread. */
        void cancel() {
            cancelled = true;
            EventStream events = stream;
            if (events != null) {
                events.close();
            }
        }
    }

    /** Sorts facts by end time, stably; a segment written by one thread is in order already and is left as it is. */
    static void sortByEnd(List<Fact> facts) {
        for (int i = 1; i < facts.size(); i++) {
            if (facts.get(i - 1).endNanos() > facts.get(i).endNanos()) {
                facts.sort(BY_END);
                return;
            }
        }
    }

    private static Map<String, Converter> converters() {
        Map<String, Converter> c = new LinkedHashMap<>();
        c.put(MapwatchEvents.MAP, (e, t) -> new Fact.Map(startNanos(e), e.getDuration().toNanos(), t.text(e, "path"),
                e.getLong("mappedSize"), e.getLong("address"), e.getBoolean("fileExtended"), t.stack(e)));
        c.put(MapwatchEvents.LIVE_MAPPING, (e, t) -> new Fact.LiveMapping(startNanos(e), t.text(e, "path"),
                e.getLong("mappedSize"), e.getLong("address"), e.getInstant("mappedAt"), t.text(e, "mappedFrom")));
        c.put(MapwatchEvents.UNMAP, (e, t) -> new Fact.Unmap(startNanos(e), e.getDuration().toNanos(), t.text(e, "path"),
                e.getLong("address"), e.getLong("lifetime"), t.text(e, "trigger")));
        c.put(MapwatchEvents.MAP_FAILURE, (e, t) -> new Fact.MapFailure(startNanos(e), t.text(e, "path"),
                t.text(e, "mode"), e.getLong("size"), t.text(e, "message"), e.getLong("mapCount"),
                e.getLong("maxMapCount"), t.stack(e), null));
        c.put(MapwatchEvents.FORCE, (e, t) -> new Fact.Force(startNanos(e), e.getDuration().toNanos(), t.text(e, "path")));
        c.put(MapwatchEvents.LOAD, (e, t) -> new Fact.Load(startNanos(e), e.getDuration().toNanos(), t.text(e, "path")));
        c.put(MapwatchEvents.MAPPED_READ, (e, t) -> new Fact.MappedAccess(startNanos(e), e.getDuration().toNanos(),
                osThreadId(e.getThread()), t.text(e, "path"), e.getLong("bytesRead"), false));
        c.put(MapwatchEvents.MAPPED_WRITE, (e, t) -> new Fact.MappedAccess(startNanos(e), e.getDuration().toNanos(),
                osThreadId(e.getThread()), t.text(e, "path"), e.getLong("bytesWritten"), true));
        c.put(MapwatchEvents.MAPPING_RESIDENCY, (e, t) -> new Fact.MappingResidency(startNanos(e), t.text(e, "path"),
                e.getLong("address"), e.getLong("mappedSize"), e.getLong("residentBytes"), e.getLong("pageCacheBytes"),
                new Fact.SmapsFigures(e.getLong("rss"), e.getLong("pss"), e.getLong("sharedClean"),
                        e.getLong("sharedDirty"), e.getLong("privateClean"), e.getLong("privateDirty"),
                        e.getLong("referenced"), e.getLong("swap"))));
        c.put(MapwatchEvents.WORKING_SET, (e, t) -> new Fact.WorkingSet(startNanos(e), t.text(e, "path"), e.getLong("address"),
                e.getLong("mappedSize"), e.getLong("window"), e.getLong("referencedBytes"), e.getLong("residentBytes")));
        c.put(MapwatchEvents.MAPPED_MEMORY, (e, t) -> new Fact.MappedMemory(startNanos(e), e.getLong("trackedCount"),
                e.getLong("trackedBytes"), e.getLong("trackedResidentBytes"), e.getLong("untrackedCount"),
                e.getLong("untrackedBytes"), e.getLong("mapCount"), e.getLong("maxMapCount"), e.getLong("rssFile"),
                e.getLong("rssAnon")));
        c.put(MapwatchEvents.UNTRACKED_MAPPING, (e, t) -> new Fact.UntrackedMapping(startNanos(e), t.text(e, "path"),
                e.getLong("address"), e.getLong("size")));
        c.put(MapwatchEvents.PAGE_FAULTS, (e, t) -> new Fact.PageFaults(startNanos(e), e.getLong("minorFaults"),
                e.getLong("majorFaults")));
        c.put(MapwatchEvents.THREAD_PAGE_FAULTS, (e, t) -> new Fact.ThreadPageFaults(startNanos(e),
                e.getLong("osThreadId"), t.text(e, "threadName"), e.getLong("minorFaults"), e.getLong("majorFaults")));
        c.put(MapwatchEvents.PAGE_FAULT_STALL, (e, t) -> new Fact.PageFaultStall(startNanos(e),
                e.getDuration().toNanos(), e.hasField("blockedTime") ? e.getLong("blockedTime") : e.getDuration().toNanos(),
                e.getLong("osThreadId"), t.text(e, "threadName"), e.getLong("samples"),
                e.getLong("majorFaults")));
        c.put(MapwatchEvents.FAULT_RANGE, (e, t) -> new Fact.FaultRange(startNanos(e), e.getDuration().toNanos(),
                t.text(e, "path"), e.getBoolean("tracked"), e.getLong("osThreadId"), t.text(e, "threadName"),
                e.getLong("offset"), e.getLong("length"), e.getLong("majorFaults"), e.getLong("stallTime"),
                e.getLong("interval")));
        c.put(MapwatchEvents.MEMORY_PRESSURE, (e, t) -> new Fact.MemoryPressure(startNanos(e),
                e.getDouble("psiSomeAvg10"), e.getDouble("psiFullAvg10"), e.getLong("cgroupLimit"),
                e.getLong("cgroupUsage"), e.getLong("cgroupFile"), e.getLong("cgroupRefaults"), e.getLong("cached")));
        c.put(MapwatchEvents.MAPPING_HAZARD, (e, t) -> new Fact.MappingHazard(startNanos(e), t.text(e, "kind"),
                t.text(e, "path"), e.getLong("address"), e.getLong("mappedSize"), e.getLong("fileSize"), t.text(e, "detail")));
        c.put(MapwatchEvents.AGENT_STATUS, (e, t) -> new Fact.AgentStatus(startNanos(e), t.text(e, "version")));
        c.put(MapwatchEvents.SOURCE_STATUS, (e, t) -> new Fact.SourceStatus(startNanos(e), t.text(e, "source"),
                t.text(e, "state"), t.text(e, "reason")));
        c.put("jdk.ExecutionSample", (e, t) -> {
            RecordedThread thread = e.getThread("sampledThread");
            return new Fact.ExecutionSample(startNanos(e), osThreadId(thread),
                    thread == null ? null : thread.getJavaName(), t.stack(e), null);
        });
        c.put("jdk.FileRead", (e, t) -> new Fact.FileRead(startNanos(e), e.getDuration().toNanos(), t.text(e, "path"),
                e.getLong("bytesRead")));
        c.put("jdk.JavaErrorThrow", (e, t) -> new Fact.ErrorThrown(startNanos(e), osThreadId(e.getThread()),
                className(e.getClass("thrownClass")), t.text(e, "message"), t.stack(e)));
        c.put("jdk.JVMInformation", (e, t) -> new Fact.JvmIdentity(startNanos(e), e.getLong("pid"),
                e.getInstant("jvmStartTime")));
        return c;
    }

    /** Reads one event into its fact. */
    @FunctionalInterface
    private interface Converter {
        Fact convert(RecordedEvent event, FieldReader fields);
    }

    private static long startNanos(RecordedEvent event) {
        Instant start = event.getStartTime();
        return start.getEpochSecond() * 1_000_000_000L + start.getNano();
    }

    private static long osThreadId(RecordedThread thread) {
        return thread == null ? -1 : thread.getOSThreadId();
    }

    private static String className(RecordedClass type) {
        return type == null ? null : type.getName();
    }
}
