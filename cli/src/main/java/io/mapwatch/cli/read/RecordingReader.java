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
     * One pass over one file on two threads: the calling thread runs JFR's parser, reads each event
     * into a fact and hands the facts over in batches; a second thread sorts each flush segment by
     * end time and feeds the sink. No JFR event outlives its handler, so what stays alive between
     * two garbage collections is the facts of one segment.
     */
    private static final class PipelinedRead {
        private static final int BATCH = 4096;
        /** Marks the end of a flush segment in the queue. */
        private static final List<Fact> SEGMENT_END = new ArrayList<>();
        /** Marks the end of the file in the queue. */
        private static final List<Fact> FILE_END = new ArrayList<>();

        private final ChunkScan scan;
        private final Consumer<Fact> sink;
        private final BlockingQueue<List<Fact>> queue = new ArrayBlockingQueue<>(8);
        private final FieldReader fields = new FieldReader();
        private List<Fact> batch = new ArrayList<>(BATCH);
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
                stream.setReuse(true); // safe: no event outlives its handler, and what a fact keeps (texts, stacks) is not reused
                CONVERTERS.forEach((name, converter) -> {
                    boolean mapwatch = name.startsWith(MapwatchEvents.PREFIX);
                    stream.onEvent(name, event -> add(stream, converter, mapwatch, event));
                });
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

        private void add(EventStream stream, Converter converter, boolean mapwatch, RecordedEvent event) {
            if (sinkFailure != null) {
                return;
            }
            try {
                batch.add(converter.convert(event, fields));
            } catch (RuntimeException e) {
                sinkFailure = e;
                stream.close();
                return;
            }
            if (mapwatch) {
                mapwatchEvents++;
            }
            if (batch.size() == BATCH) {
                handOver(stream, batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        private void handOver(EventStream stream, List<Fact> facts) {
            if (facts.isEmpty() && facts != SEGMENT_END && facts != FILE_END) {
                return;
            }
            if (sinkFailure != null && stream != null) {
                stream.close();
            }
            try {
                queue.put(facts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + scan.file(), e);
            }
        }

        private void consume() {
            List<Fact> segment = new ArrayList<>();
            try {
                for (List<Fact> facts = queue.take(); facts != FILE_END; facts = queue.take()) {
                    if (sinkFailure != null) {
                        continue;
                    }
                    try {
                        if (facts == SEGMENT_END) {
                            sortByEnd(segment);
                            segment.forEach(sink);
                            segment.clear();
                        } else {
                            segment.addAll(facts);
                        }
                    } catch (RuntimeException e) {
                        sinkFailure = e;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
                e.getLong("maxMapCount"), t.stack(e)));
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
                e.getDuration().toNanos(), e.getLong("osThreadId"), t.text(e, "threadName"), e.getLong("samples"),
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
                    thread == null ? null : thread.getJavaName(), t.stack(e));
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
