package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Threads blocked in page faults, and where: each {@code mapwatch.PageFaultStall} is joined with
 * the first {@code jdk.ExecutionSample} of the same OS thread from the stall's start to shortly
 * after its end (a thread blocked in a fault is sampled once the fault completes), and tied to
 * files in two ways: by the {@code mapwatch.MappedRead}/{@code MappedWrite} of that thread that
 * overlaps it ({@link Tie#TIMED_ACCESS}), and by the exact major faults ({@code mapwatch.FaultRange})
 * that thread took on each file in the period around it ({@link Tie#EXACT_FAULTS}), shared among the
 * files in proportion to the stall time the agent saw on each (else to their faults). Only a few
 * recent facts and the stalls still waiting for their joins are kept per thread.
 */
public final class Stalls implements Aggregator {
    /** How long after a stall's end a sample of the thread still counts as "where it stalled". */
    public static final Duration SAMPLE_WINDOW = Duration.ofMillis(100);
    /** Frames kept of a stalled stack, as deep as JFR's default stack depth: enough for a flame graph. */
    public static final int FLAME_DEPTH = 64;
    private static final long SAMPLE_WINDOW_NANOS = SAMPLE_WINDOW.toNanos();
    private static final long FILE_WINDOW_NANOS = Duration.ofSeconds(10).toNanos();
    private static final int RECENT = 16;
    /** Fault ranges kept per thread: one period of a thread may fault in many buckets of many files. */
    private static final int RECENT_RANGES = 256;
    /** Stalls per thread waiting for their joins; the oldest is settled with what it has when more come. */
    private static final int PENDING = 512;
    private static final int MAX_STACKS = 10_000;
    /** The stack of stalls beyond {@link #MAX_STACKS} distinct stacks. */
    private static final List<String> OTHER_STACKS = List.of("(other stacks)");

    /** How a stall was tied to a file. */
    public enum Tie {
        /** A timed bulk copy out of or into the file by the same thread overlapped the stall. */
        TIMED_ACCESS,
        /** The thread's exact major faults in the stall's period were on the file. */
        EXACT_FAULTS
    }

    private final StackFrames frames = new StackFrames(FLAME_DEPTH);
    private final int tableDepth;
    private final Series stallOverTime;
    private final Map<Long, ThreadState> threads = new HashMap<>();
    private final Map<List<String>, Group> byStack = new HashMap<>();
    private final Map<Tie, Ties> ties = new EnumMap<>(Tie.class);
    private final Group total = new Group();
    private final Group withStack = new Group();

    /** Stall figures of one thread, stack or file, as they add up during the pass. */
    private static final class Group {
        long stalls;
        long nanos;
        long majorFaults;

        /** Adds {@code share} (0 to 1) of {@code stall}'s time and faults, and counts the stall. */
        void add(Fact.PageFaultStall stall, double share) {
            stalls++;
            nanos += Math.round(stall.blockedNanos() * share);
            majorFaults += Math.round(Math.max(0, stall.majorFaults()) * share);
        }

        StallFigures figures() {
            return new StallFigures(stalls, majorFaults, nanos);
        }
    }

    /** The stalls tied to files in one way: by file, and by file and stack. */
    private static final class Ties {
        final Map<String, Group> byFile = new HashMap<>();
        final Map<String, Map<List<String>, Group>> stacksByFile = new HashMap<>();
        final Group withFile = new Group();
        int stacks;

        void add(Fact.PageFaultStall stall, List<String> stack, Map<String, Double> shares) {
            double onFiles = 0;
            for (Map.Entry<String, Double> share : shares.entrySet()) {
                onFiles += share.getValue();
                byFile.computeIfAbsent(share.getKey(), p -> new Group()).add(stall, share.getValue());
                if (stack != null) {
                    Map<List<String>, Group> fileStacks = stacksByFile.computeIfAbsent(share.getKey(), p -> new HashMap<>());
                    Group group = fileStacks.get(stack);
                    if (group == null) {
                        group = fileStacks.computeIfAbsent(stacks < MAX_STACKS ? stack : OTHER_STACKS, k -> new Group());
                        stacks++;
                    }
                    group.add(stall, share.getValue());
                }
            }
            withFile.add(stall, onFiles);
        }
    }

    /** A thread's stalls. */
    public record ThreadStalls(long osThreadId, String name, StallFigures stalls) {
    }

    /** Stalls whose thread was sampled right after, by the stack it was in (top first). */
    public record StackStalls(List<String> frames, StallFigures stalls) {
    }

    /** Stalls tied to a file. */
    public record FileStalls(String path, StallFigures stalls) {
    }

    /** Recent facts of one thread, waiting to be joined. */
    private static final class ThreadState {
        final long osThreadId;
        String name;
        final Group stalls = new Group();
        final Deque<Pending> pending = new ArrayDeque<>();
        final Deque<Fact.ExecutionSample> samples = new ArrayDeque<>();
        final Deque<Fact.MappedAccess> accesses = new ArrayDeque<>();
        final Deque<Fact.FaultRange> ranges = new ArrayDeque<>();

        ThreadState(long osThreadId) {
            this.osThreadId = osThreadId;
        }
    }

    /** A stall still waiting for its sample or its files. */
    private static final class Pending {
        final Fact.PageFaultStall stall;
        final long start;
        final long end;
        boolean stackKnown;
        List<String> stack;
        String accessedFile;
        /** Stall time and faults the agent saw on each file (null: not a file) in the periods around the stall. */
        final Map<String, long[]> exact = new LinkedHashMap<>();
        /** A later period of the thread's faults came: no more can overlap the stall. */
        boolean exactClosed;

        Pending(Fact.PageFaultStall stall) {
            this.stall = stall;
            this.end = stall.endNanos();
            this.start = end - stall.durationNanos();
        }

        boolean settled(long now) {
            return (stackKnown || now > end + SAMPLE_WINDOW_NANOS)
                    && (accessedFile != null || now > end + FILE_WINDOW_NANOS)
                    && (exactClosed || now > end + FILE_WINDOW_NANOS);
        }
    }

    public Stalls(int tableDepth, TimeAxis axis) {
        this.tableDepth = tableDepth;
        this.stallOverTime = new Series(axis, Series.Fold.SUM);
        for (Tie tie : Tie.values()) {
            ties.put(tie, new Ties());
        }
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.PageFaultStall.class, Fact.ExecutionSample.class, Fact.MappedAccess.class,
                Fact.FaultRange.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.PageFaultStall stall) {
            stalled(stall);
        } else if (fact instanceof Fact.ExecutionSample sample) {
            ThreadState thread = threads.get(sample.osThreadId());
            if (thread != null) {
                remember(thread.samples, sample, RECENT);
                thread.pending.forEach(p -> joinSample(p, sample));
                settle(thread, TimeAxis.epochNanos(sample.time()));
            }
        } else if (fact instanceof Fact.MappedAccess access) {
            ThreadState thread = threads.computeIfAbsent(access.osThreadId(), ThreadState::new);
            remember(thread.accesses, access, RECENT);
            thread.pending.forEach(p -> joinAccess(p, access));
            settle(thread, TimeAxis.epochNanos(access.time()));
        } else if (fact instanceof Fact.FaultRange range) {
            ThreadState thread = threads.computeIfAbsent(range.osThreadId(), ThreadState::new);
            remember(thread.ranges, range, RECENT_RANGES);
            thread.pending.forEach(p -> joinRange(p, range));
            settle(thread, range.endNanos());
        }
    }

    private void stalled(Fact.PageFaultStall stall) {
        ThreadState thread = threads.computeIfAbsent(stall.osThreadId(), ThreadState::new);
        thread.name = stall.threadName();
        thread.stalls.add(stall, 1);
        total.add(stall, 1);
        stallOverTime.add(stall.time(), stall.blockedNanos() / 1_000_000);
        Pending pending = new Pending(stall);
        thread.samples.forEach(s -> joinSample(pending, s));
        thread.accesses.forEach(a -> joinAccess(pending, a));
        thread.ranges.forEach(r -> joinRange(pending, r));
        if (thread.pending.size() == PENDING) {
            settle(thread.pending.removeFirst());
        }
        thread.pending.addLast(pending);
    }

    private void joinSample(Pending pending, Fact.ExecutionSample sample) {
        long at = TimeAxis.epochNanos(sample.time());
        if (!pending.stackKnown && at >= pending.start && at <= pending.end + SAMPLE_WINDOW_NANOS) {
            pending.stackKnown = true;
            pending.stack = frames.describe(sample.stack());
        }
    }

    private static void joinAccess(Pending pending, Fact.MappedAccess access) {
        long start = TimeAxis.epochNanos(access.time());
        if (pending.accessedFile == null && access.path() != null && start + access.durationNanos() >= pending.start
                && start <= pending.end) {
            pending.accessedFile = access.path();
        }
    }

    private static void joinRange(Pending pending, Fact.FaultRange range) {
        long from = range.periodStartNanos();
        if (from >= pending.end) {
            pending.exactClosed = true;
        } else if (range.endNanos() > pending.start) {
            long[] seen = pending.exact.computeIfAbsent(range.path(), p -> new long[2]);
            seen[0] += Math.max(0, range.stallNanos());
            seen[1] += range.majorFaults();
        }
    }

    /** Settles the stalls of {@code thread} that have all their joins, or have waited long enough for them. */
    private void settle(ThreadState thread, long now) {
        thread.pending.removeIf(p -> {
            if (p.settled(now)) {
                settle(p);
                return true;
            }
            return false;
        });
    }

    /** Counts a stall that waits no longer: for its stack, and for the files each tie found. */
    private void settle(Pending p) {
        if (p.stackKnown) {
            Group group = byStack.get(p.stack);
            if (group == null) {
                group = byStack.computeIfAbsent(byStack.size() < MAX_STACKS ? p.stack : OTHER_STACKS, k -> new Group());
            }
            group.add(p.stall, 1);
            withStack.add(p.stall, 1);
        }
        if (p.accessedFile != null) {
            ties.get(Tie.TIMED_ACCESS).add(p.stall, p.stack, Map.of(p.accessedFile, 1.0));
        }
        Map<String, Double> shares = exactShares(p.exact);
        if (!shares.isEmpty()) {
            ties.get(Tie.EXACT_FAULTS).add(p.stall, p.stack, shares);
        }
    }

    /**
     * The share of a stall each file takes: its part of the stall time the agent saw on the
     * thread's faults in the stall's periods, else of the faults; memory that is not a file takes
     * its part and is left out.
     */
    private static Map<String, Double> exactShares(Map<String, long[]> exact) {
        long stall = exact.values().stream().mapToLong(v -> v[0]).sum();
        long faults = exact.values().stream().mapToLong(v -> v[1]).sum();
        int weight = stall > 0 ? 0 : 1;
        long whole = stall > 0 ? stall : faults;
        Map<String, Double> shares = new LinkedHashMap<>();
        if (whole > 0) {
            exact.forEach((path, seen) -> {
                if (path != null && seen[weight] > 0) {
                    shares.put(path, (double) seen[weight] / whole);
                }
            });
        }
        return shares;
    }

    private static <T> void remember(Deque<T> recent, T fact, int limit) {
        if (recent.size() == limit) {
            recent.removeFirst();
        }
        recent.addLast(fact);
    }

    @Override
    public void processEnded(Instant at) {
        settleAll();
    }

    @Override
    public void finish(Instant end) {
        settleAll();
    }

    private void settleAll() {
        for (ThreadState thread : threads.values()) {
            thread.pending.forEach(this::settle);
            thread.pending.clear();
        }
    }

    /** Whether the recording has any stall. */
    public boolean any() {
        return total.stalls > 0;
    }

    /** Every stall recorded; see {@link RecordingAnalysis#stallTotal()} for whether they were measured. */
    public StallFigures total() {
        return total.figures();
    }

    /** The stalls joined with an execution sample of their thread. */
    public StallFigures withStack() {
        return withStack.figures();
    }

    /** The stalls (or their shares) that {@code tie} tied to a file. */
    public StallFigures withFile(Tie tie) {
        return ties.get(tie).withFile.figures();
    }

    /** Threads, the longest stalled first. */
    public List<ThreadStalls> threads() {
        List<ThreadStalls> list = new ArrayList<>();
        threads.values().stream().filter(t -> t.stalls.stalls > 0)
                .forEach(t -> list.add(new ThreadStalls(t.osThreadId, t.name, t.stalls.figures())));
        list.sort(Comparator.comparingLong((ThreadStalls t) -> t.stalls().nanos()).reversed());
        return list;
    }

    /** Stacks of up to the table depth's frames, top first, the longest stalled first. */
    public List<StackStalls> stacks() {
        return stacks(byStack, this::tableFrames);
    }

    /** Stacks of up to {@link #FLAME_DEPTH} frames, top first, the longest stalled first. */
    public List<StackStalls> deepStacks() {
        return stacks(byStack, Function.identity());
    }

    /** The stacks that stalled on {@code path} as {@code tie} tied them, to the table depth, the longest stalled first. */
    public List<StackStalls> stacksOn(String path, Tie tie) {
        return stacks(ties.get(tie).stacksByFile.getOrDefault(path, Map.of()), this::tableFrames);
    }

    /** The stacks that stalled on {@code path} as {@code tie} tied them, to {@link #FLAME_DEPTH} frames. */
    public List<StackStalls> deepStacksOn(String path, Tie tie) {
        return stacks(ties.get(tie).stacksByFile.getOrDefault(path, Map.of()), Function.identity());
    }

    private List<String> tableFrames(List<String> frames) {
        return frames.size() <= tableDepth ? frames : List.copyOf(frames.subList(0, tableDepth));
    }

    private static List<StackStalls> stacks(Map<List<String>, Group> groups, Function<List<String>, List<String>> cut) {
        Map<List<String>, Group> byFrames = new HashMap<>();
        groups.forEach((stack, group) -> {
            Group sum = byFrames.computeIfAbsent(cut.apply(stack), k -> new Group());
            sum.stalls += group.stalls;
            sum.nanos += group.nanos;
            sum.majorFaults += group.majorFaults;
        });
        return sorted(byFrames.entrySet().stream().map(e -> new StackStalls(e.getKey(), e.getValue().figures())).toList(),
                s -> s.stalls().nanos());
    }

    /** Files as {@code tie} tied stalls to them, the longest stalled first. */
    public List<FileStalls> files(Tie tie) {
        return sorted(ties.get(tie).byFile.entrySet().stream()
                .map(e -> new FileStalls(e.getKey(), e.getValue().figures())).toList(), f -> f.stalls().nanos());
    }

    private static <T> List<T> sorted(Collection<T> items, ToLongFunction<T> nanos) {
        List<T> list = new ArrayList<>(items);
        list.sort(Comparator.comparingLong(nanos).reversed());
        return list;
    }

    /** The stalls {@code tie} tied to {@code path}, or null when none was. */
    StallFigures tiedTo(String path, Tie tie) {
        Group group = ties.get(tie).byFile.get(path);
        return group == null ? null : group.figures();
    }

    /** Stall time over time, in milliseconds per bucket. */
    public Series stallOverTime() {
        return stallOverTime;
    }
}
