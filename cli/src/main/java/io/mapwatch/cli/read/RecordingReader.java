package io.mapwatch.cli.read;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.events.MapwatchEvents;
import jdk.jfr.consumer.EventStream;
import jdk.jfr.consumer.RecordedEvent;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One streaming pass over recordings that turns the events the analyses need into {@link Fact}s,
 * handed over in time order. A file is read by mapwatch's own chunk parser ({@link JfrChunks}),
 * its chunks several at once, when that parser knows everything in it; otherwise, or with the
 * system property {@value #READER_PROPERTY}{@code =jdk}, by JFR's own parser
 * ({@code jdk.jfr.consumer}), the reference both are tested against. Events of other types are
 * skipped without being decoded. Within a flush segment, facts are sorted by end time, as an
 * ordered JFR stream does, but on the small facts rather than on JFR's event objects.
 */
public final class RecordingReader {
    /** The system property that makes every file go through JFR's own parser: a diagnostic, to compare. */
    public static final String READER_PROPERTY = "mapwatch.reader";
    private static final Comparator<Ending> BY_END = Comparator.comparingLong(Ending::endNanos);
    /** The heap one part parsed ahead of the sink may take; bounds how many are parsed at once. */
    private static final long HEAP_PER_READER = 64L << 20;

    private RecordingReader() {
    }

    /** The names of the event types that become facts. */
    public static Set<String> eventNames() {
        return Converters.eventNames();
    }

    /**
     * The fact of one event, as a pass over a recording reads it; null for an event of another type.
     * {@code fields} reads the fields (one per stream).
     */
    public static Fact fact(RecordedEvent event, FieldReader fields) {
        Converters.Converter converter = Converters.of(event.getEventType().getName());
        return converter == null ? null : converter.convert(fields.of(event));
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
     * (null: all), recordings that begin after it are not read. The parts of the pass (the chunks of
     * a file, or a whole file for JFR's parser) are parsed on up to {@link #readers} threads at once,
     * each a little ahead of the sink, which hears them in order.
     */
    public static List<RecordingInfo> read(List<ChunkScan> scans, TimeWindow window, Consumer<Fact> sink,
                                           PrintWriter warnings) {
        return read(scans, window, sink, warnings, -1, "jdk".equals(System.getProperty(READER_PROPERTY)));
    }

    /**
     * {@link #read(List, TimeWindow, Consumer, PrintWriter)} with {@code readers} parts parsed at once
     * (-1: as many as fit), and every file through JFR's parser when {@code jdkOnly}.
     */
    static List<RecordingInfo> read(List<ChunkScan> scans, TimeWindow window, Consumer<Fact> sink,
                                    PrintWriter warnings, int readers, boolean jdkOnly) {
        List<List<Part>> files = new ArrayList<>();
        List<ChunkScan> read = new ArrayList<>();
        SharedStrings strings = new SharedStrings();
        for (ChunkScan scan : scans) {
            if (window == null) {
                files.add(parts(scan, scan.readableBytes(), jdkOnly, strings));
                read.add(scan);
            } else if (!scan.start().isAfter(window.to())) {
                files.add(parts(scan, scan.bytesUpTo(window.to()), jdkOnly, strings));
                read.add(scan);
            }
        }
        List<Part> parts = files.stream().flatMap(List::stream).toList();
        ExecutorService parsers = Executors.newFixedThreadPool(Math.max(1, readers < 0 ? readers(parts.size()) : readers), parse -> {
            Thread thread = new Thread(parse, "mapwatch-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            parts.forEach(part -> parsers.execute(part::parse)); // started in order, so the next part to drain is always running
            List<RecordingInfo> infos = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                ChunkScan scan = read.get(i);
                if (scan.cutShort()) {
                    warnings.println("mapwatch: " + scan.file() + " was cut short; using its " + scan.chunks()
                            + " complete chunk(s), " + scan.readableBytes() + " of " + scan.fileBytes() + " bytes");
                    warnings.flush();
                }
                long mapwatchEvents = 0;
                for (Part part : files.get(i)) {
                    mapwatchEvents += part.drainInto(sink);
                }
                infos.add(new RecordingInfo(scan.file(), scan.start(), scan.end(), scan.chunks(), mapwatchEvents, scan.cutShort()));
            }
            return infos;
        } finally {
            parts.forEach(Part::cancel);
            parsers.shutdownNow();
        }
    }

    /**
     * The parts of one file: one per chunk for mapwatch's chunk parser, or the whole file for JFR's
     * own when {@code jdkOnly} or when the chunk parser declines it; the chunks share their texts through {@code strings}.
     */
    private static List<Part> parts(ChunkScan scan, long bytes, boolean jdkOnly, SharedStrings strings) {
        if (!jdkOnly) {
            try {
                return JfrChunks.plan(scan.file(), bytes).stream().<Part>map(chunk -> new ChunkRead(scan, chunk, strings)).toList();
            } catch (UnsupportedRecording | IOException declined) {
                // JFR's parser reads it, or says why it cannot
            } catch (DamagedChunk damaged) {
                // JFR's parser would stop at the damage without a word and give what it read before
                throw CliException.badInput(scan.file() + " is not a readable JFR recording (" + damaged.getMessage() + ")");
            }
        }
        return List.of(new FileRead(scan, bytes));
    }

    /**
     * How many parts to parse at once: one per processor, as long as each has
     * {@link #HEAP_PER_READER} of the heap for its parser (for JFR's, a chunk's constant pools) and
     * the facts it has read ahead.
     */
    static int readers(int parts) {
        long byHeap = Runtime.getRuntime().maxMemory() / HEAP_PER_READER;
        return (int) Math.max(1, Math.min(parts, Math.min(Runtime.getRuntime().availableProcessors(), byHeap)));
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
     * One part of a pass. A parser thread reads it into facts, sorts each flush segment by end time
     * and queues it in batches, a bounded number ahead; the thread of the pass drains the queue when
     * the part's turn comes and feeds the sink. What stays alive between two garbage collections is
     * the facts of the segment being read and the few batches queued per part.
     */
    private abstract static class Part {
        private static final int BATCH = 4096;
        private static final int QUEUED_BATCHES = 8;
        /** Marks the end of the part in the queue. */
        private static final List<Fact> PART_END = new ArrayList<>();

        final ChunkScan scan;
        private final BlockingQueue<List<Fact>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES + 2);
        private List<Fact> segment = new ArrayList<>();
        /** The end of each fact of the segment, asked once as it comes, while the fact is in the processor's cache. */
        private long[] ends;
        volatile boolean cancelled;
        // Written by the parser thread before it queues PART_END, read by the draining thread after it takes it.
        RuntimeException convertFailure;
        RuntimeException parseFailure;
        private long mapwatchEvents;

        Part(ChunkScan scan) {
            this.scan = scan;
        }

        /** On a parser thread: the whole part into the queue, ending with PART_END. */
        final void parse() {
            try {
                parseInto();
            } finally {
                segmentEnd();
                handOver(PART_END);
                ends = null; // every part of a pass stays listed until the pass ends
            }
        }

        /** Reads the part, calling {@link #add} and {@link #segmentEnd}; a failure is kept in one of the two failure fields. */
        abstract void parseInto();

        final void add(Fact fact, boolean mapwatch) {
            int n = segment.size();
            if (ends == null || n == ends.length) {
                ends = ends == null ? new long[1024] : Arrays.copyOf(ends, 2 * n);
            }
            ends[n] = fact.endNanos();
            segment.add(fact);
            if (mapwatch) {
                mapwatchEvents++;
            }
        }

        /** The end of a flush segment: its facts, sorted, into the queue. */
        public final void segmentEnd() {
            List<Fact> facts = segment;
            if (facts.isEmpty()) {
                return;
            }
            segment = new ArrayList<>(); // not sized like the last: every part of a pass stays listed until the pass ends
            sortByEnd(facts, ends);
            for (int from = 0; from < facts.size(); from += BATCH) {
                handOver(facts.subList(from, Math.min(facts.size(), from + BATCH)));
            }
        }

        private void handOver(List<Fact> facts) {
            if (cancelled) {
                return;
            }
            try {
                queue.put(facts);
            } catch (InterruptedException e) {
                cancel(); // the pass ended early: nobody drains this part
            }
        }

        /** On the thread of the pass: feeds the part's facts to {@code sink} as they come; the mapwatch events read. */
        final long drainInto(Consumer<Fact> sink) {
            for (List<Fact> facts = take(); facts != PART_END; facts = take()) {
                facts.forEach(sink);
            }
            if (convertFailure != null) {
                throw convertFailure;
            }
            if (parseFailure != null) {
                throw parseFailure;
            }
            return mapwatchEvents;
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
        }
    }

    /** One chunk of a file, read by mapwatch's chunk parser. */
    private static final class ChunkRead extends Part implements JfrChunks.Sink {
        private final JfrChunks.Chunk chunk;
        private final SharedStrings strings;

        ChunkRead(ChunkScan scan, JfrChunks.Chunk chunk, SharedStrings strings) {
            super(scan);
            this.chunk = chunk;
            this.strings = strings;
        }

        @Override
        void parseInto() {
            if (cancelled) {
                return;
            }
            try {
                chunk.parse(this, strings);
            } catch (DamagedChunk e) {
                parseFailure = CliException.badInput(scan.file() + " is not a readable JFR recording (" + e.getMessage() + ")");
            } catch (RuntimeException e) {
                convertFailure = e;
            }
        }

        @Override
        public void fact(Fact fact, boolean mapwatch) {
            if (cancelled) {
                throw new DamagedChunk("the read was cancelled");
            }
            add(fact, mapwatch);
        }
    }

    /**
     * A whole file, read by JFR's parser, which reads each event into a fact in its handler (no JFR
     * event outlives it).
     */
    private static final class FileRead extends Part {
        private final long bytes;
        private final FieldReader fields = new FieldReader();
        private volatile EventStream stream;

        FileRead(ChunkScan scan, long bytes) {
            super(scan);
            this.bytes = bytes;
        }

        @Override
        void parseInto() {
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
                for (String name : Converters.eventNames()) {
                    Converters.Converter converter = Converters.of(name);
                    boolean mapwatch = name.startsWith(MapwatchEvents.PREFIX);
                    events.onEvent(name, event -> add(converter, mapwatch, event));
                }
                events.onFlush(this::segmentEnd);
                events.start();
            } catch (IOException | RuntimeException e) {
                if (!cancelled && convertFailure == null) {
                    parseFailure = new CliException(ExitCode.BAD_INPUT,
                            scan.file() + " is not a readable JFR recording (" + e.getMessage() + ")", e);
                }
            }
        }

        private void add(Converters.Converter converter, boolean mapwatch, RecordedEvent event) {
            if (convertFailure != null || cancelled) {
                return;
            }
            Fact fact;
            try {
                fact = converter.convert(fields.of(event));
            } catch (RuntimeException e) {
                convertFailure = e;
                stream.close();
                return;
            }
            add(fact, mapwatch);
        }

        @Override
        void cancel() {
            super.cancel();
            EventStream events = stream;
            if (events != null) {
                events.close();
            }
        }
    }

    /**
     * Sorts facts by end time, stably, {@code ends[i]} being the end of fact {@code i}; facts written
     * by one thread are in order already and are left as they are. The ends are asked for once, as
     * the facts come: a fact's type is one of many, and a long segment's facts have left the
     * processor's cache by its end.
     */
    static void sortByEnd(List<Fact> facts, long[] ends) {
        int n = facts.size();
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = ends[i - 1] <= ends[i];
        }
        if (sorted) {
            return;
        }
        Ending[] endings = new Ending[n];
        for (int i = 0; i < n; i++) {
            endings[i] = new Ending(ends[i], facts.get(i));
        }
        Arrays.sort(endings, BY_END);
        for (int i = 0; i < n; i++) {
            facts.set(i, endings[i].fact());
        }
    }

    /** A fact with its end, for sorting. */
    private record Ending(long endNanos, Fact fact) {
    }
}
