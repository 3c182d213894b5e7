package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Exact major faults ({@code mapwatch.FaultRange}) summed over the recording: by file, by the
 * offset ranges the agent counted them in, and by thread; memory that is not a file apart. The
 * agent's ranges are buckets of a fixed share of each file; they are kept as recorded, so memory is
 * bounded by files × buckets × threads that faulted in them.
 */
public final class FaultRanges implements Aggregator {
    /**
     * Adjacent buckets whose faults per byte lie within this factor of each other are one range when
     * shown: a hot region stays apart from a lukewarm neighbour, and a file read evenly is one range.
     */
    static final int MERGE_FACTOR = 2;

    private final Map<String, FileFaults> byPath = new HashMap<>();
    private final Map<Long, String> threadNames = new HashMap<>();
    private final Figures notAFile = new Figures();
    private final Figures all = new Figures();
    private long events;

    /** Major faults and the stall time on them, as they add up; the stall time is unknown once any part of it was. */
    private static final class Figures {
        long majorFaults;
        long stallNanos;
        boolean stallUnknown;

        void add(long faults, long stall) {
            majorFaults += faults;
            if (stall < 0) {
                stallUnknown = true;
            } else {
                stallNanos += stall;
            }
        }

        void add(Figures other) {
            majorFaults += other.majorFaults;
            stallNanos += other.stallNanos;
            stallUnknown |= other.stallUnknown;
        }

        long stall() {
            return stallUnknown ? -1 : stallNanos;
        }

        /** More stall time first, then more faults; an unknown stall time counts as none. */
        static int hotterFirst(Figures a, Figures b) {
            int byStall = Long.compare(b.stallNanos, a.stallNanos);
            return byStall != 0 ? byStall : Long.compare(b.majorFaults, a.majorFaults);
        }
    }

    /** One bucket of a file as the agent counted it: offset and length in the file. */
    private record Bucket(long offset, long length) {
        long end() {
            return offset + length;
        }
    }

    /** A bucket's faults, in all and by thread. */
    private static final class BucketFaults {
        final Figures total = new Figures();
        final Map<Long, Figures> byThread = new HashMap<>();
    }

    private static final class FileFaults {
        boolean tracked;
        final Figures total = new Figures();
        final Map<Long, Figures> byThread = new HashMap<>();
        final TreeMap<Bucket, BucketFaults> buckets = new TreeMap<>(
                Comparator.comparingLong(Bucket::offset).thenComparingLong(Bucket::length));
    }

    /** A range of a file with its exact major faults and the stall time on them (-1: not measured). */
    public record OffsetRange(long offset, long length, long majorFaults, long stallNanos) {
    }

    /**
     * Adjacent buckets of a file shown as one range, with the thread that waited longest in it (or
     * took the most faults there).
     */
    public record HotRange(long offset, long length, long majorFaults, long stallNanos, String thread,
                           long threadMajorFaults, long threadStallNanos) {
    }

    /** A thread's exact major faults on one file and the stall time on them (-1: not measured). */
    public record ThreadFaults(String name, long osThreadId, long majorFaults, long stallNanos) {
    }

    /** The exact major faults on one file in all. */
    public record FileTotal(String path, boolean tracked, long majorFaults, long stallNanos) {
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.FaultRange.class);
    }

    @Override
    public void accept(Fact fact) {
        if (!(fact instanceof Fact.FaultRange range)) {
            return;
        }
        events++;
        all.add(range.majorFaults(), range.stallNanos());
        if (range.threadName() != null) {
            threadNames.put(range.osThreadId(), range.threadName());
        }
        if (range.path() == null) {
            notAFile.add(range.majorFaults(), range.stallNanos());
            return;
        }
        FileFaults file = byPath.computeIfAbsent(range.path(), p -> new FileFaults());
        file.tracked |= range.tracked();
        file.total.add(range.majorFaults(), range.stallNanos());
        file.byThread.computeIfAbsent(range.osThreadId(), t -> new Figures()).add(range.majorFaults(), range.stallNanos());
        BucketFaults bucket = file.buckets.computeIfAbsent(new Bucket(range.offset(), range.length()), b -> new BucketFaults());
        bucket.total.add(range.majorFaults(), range.stallNanos());
        bucket.byThread.computeIfAbsent(range.osThreadId(), t -> new Figures()).add(range.majorFaults(), range.stallNanos());
    }

    /** Whether the recording holds any exact fault range. */
    public boolean any() {
        return events > 0;
    }

    /** Every exact major fault recorded, on files or not. */
    public long majorFaults() {
        return all.majorFaults;
    }

    /** The exact major faults on memory that is not a file, and the stall time on them. */
    public OffsetRange notAFile() {
        return new OffsetRange(-1, -1, notAFile.majorFaults, notAFile.stall());
    }

    /** The exact major faults on {@code path}; none when it had none. */
    public FileTotal file(String path) {
        FileFaults file = byPath.get(path);
        return file == null ? new FileTotal(path, true, 0, 0) : new FileTotal(path, file.tracked, file.total.majorFaults,
                file.total.stall());
    }

    /** Every file with exact major faults, the longest stalled first, then the most faults. */
    public List<FileTotal> files() {
        List<Map.Entry<String, FileFaults>> entries = new ArrayList<>(byPath.entrySet());
        entries.sort((a, b) -> {
            int hotter = Figures.hotterFirst(a.getValue().total, b.getValue().total);
            return hotter != 0 ? hotter : a.getKey().compareTo(b.getKey());
        });
        return entries.stream().map(e -> file(e.getKey())).toList();
    }

    /** The buckets of {@code path} with faults, as the agent counted them, by offset; empty when it had none. */
    public List<OffsetRange> ranges(String path) {
        FileFaults file = byPath.get(path);
        if (file == null) {
            return List.of();
        }
        List<OffsetRange> ranges = new ArrayList<>();
        file.buckets.forEach((b, f) -> ranges.add(new OffsetRange(b.offset(), b.length(), f.total.majorFaults,
                f.total.stall())));
        return ranges;
    }

    /**
     * The {@code limit} hottest ranges of {@code path} for people: adjacent buckets whose faults per
     * byte lie within {@link #MERGE_FACTOR} of each other taken as one range, the longest stalled first.
     */
    public List<HotRange> hottest(String path, int limit) {
        FileFaults file = byPath.get(path);
        if (file == null) {
            return List.of();
        }
        List<Run> runs = new ArrayList<>();
        Run run = null;
        for (Map.Entry<Bucket, BucketFaults> e : file.buckets.entrySet()) {
            if (run == null || !run.takes(e.getKey(), e.getValue())) {
                run = new Run();
                runs.add(run);
            }
            run.add(e.getKey(), e.getValue());
        }
        runs.sort((a, b) -> Figures.hotterFirst(a.total, b.total));
        return runs.stream().limit(limit).map(this::hotRange).toList();
    }

    /** Adjacent buckets taken together. */
    private static final class Run {
        long offset = -1;
        long end;
        double minDensity = Double.MAX_VALUE;
        double maxDensity;
        final Figures total = new Figures();
        final Map<Long, Figures> byThread = new HashMap<>();

        boolean takes(Bucket bucket, BucketFaults faults) {
            double density = density(bucket, faults);
            return bucket.offset() <= end && Math.max(maxDensity, density) <= MERGE_FACTOR * Math.min(minDensity, density);
        }

        void add(Bucket bucket, BucketFaults faults) {
            if (offset < 0) {
                offset = bucket.offset();
            }
            end = Math.max(end, bucket.end());
            double density = density(bucket, faults);
            minDensity = Math.min(minDensity, density);
            maxDensity = Math.max(maxDensity, density);
            total.add(faults.total);
            faults.byThread.forEach((thread, f) -> byThread.computeIfAbsent(thread, t -> new Figures()).add(f));
        }

        private static double density(Bucket bucket, BucketFaults faults) {
            return (double) faults.total.majorFaults / Math.max(1, bucket.length());
        }
    }

    private HotRange hotRange(Run run) {
        Map.Entry<Long, Figures> top = run.byThread.entrySet().stream()
                .min((a, b) -> Figures.hotterFirst(a.getValue(), b.getValue())).orElse(null);
        return new HotRange(run.offset, run.end - run.offset, run.total.majorFaults, run.total.stall(),
                top == null ? null : threadNames.get(top.getKey()), top == null ? -1 : top.getValue().majorFaults,
                top == null ? -1 : top.getValue().stall());
    }

    /** The threads that faulted on {@code path}, the longest stalled first, then the most faults. */
    public List<ThreadFaults> threads(String path) {
        FileFaults file = byPath.get(path);
        if (file == null) {
            return List.of();
        }
        return file.byThread.entrySet().stream().sorted((a, b) -> Figures.hotterFirst(a.getValue(), b.getValue()))
                .map(e -> new ThreadFaults(threadNames.get(e.getKey()), e.getKey(), e.getValue().majorFaults,
                        e.getValue().stall()))
                .toList();
    }
}
