package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Threads blocked in page faults, and where: each {@code mapwatch.PageFaultStall} is joined with
 * the first {@code jdk.ExecutionSample} of the same OS thread from the stall's start to shortly
 * after its end (a thread blocked in a fault is sampled once the fault completes), and with the
 * {@code mapwatch.MappedRead}/{@code MappedWrite} of that thread that overlaps it, which names the
 * file. Only a few recent facts per thread are kept.
 */
public final class Stalls implements Aggregator {
    /** How long after a stall's end a sample of the thread still counts as "where it stalled". */
    public static final Duration SAMPLE_WINDOW = Duration.ofMillis(100);
    private static final Duration FILE_WINDOW = Duration.ofSeconds(10);
    private static final int RECENT = 16;
    private static final int MAX_STACKS = 10_000;
    /** The stack of stalls beyond {@link #MAX_STACKS} distinct stacks. */
    private static final List<String> OTHER_STACKS = List.of("(other stacks)");

    private final StackFrames frames;
    private final Series stallOverTime;
    private final Map<Long, ThreadState> threads = new HashMap<>();
    private final Map<List<String>, Group> byStack = new HashMap<>();
    private final Map<String, Group> byFile = new HashMap<>();
    private final Group total = new Group();
    private final Group withStack = new Group();
    private final Group withFile = new Group();

    /** Stall figures of one thread, stack or file, as they add up during the pass. */
    private static final class Group {
        long stalls;
        long nanos;
        long majorFaults;

        void add(Fact.PageFaultStall stall) {
            stalls++;
            nanos += stall.durationNanos();
            majorFaults += Math.max(0, stall.majorFaults());
        }

        StallFigures figures() {
            return new StallFigures(stalls, majorFaults, nanos);
        }
    }

    /** A thread's stalls. */
    public record ThreadStalls(long osThreadId, String name, StallFigures stalls) {
    }

    /** Stalls whose thread was sampled right after, by the stack it was in. */
    public record StackStalls(List<String> frames, StallFigures stalls) {
    }

    /** Stalls during an access to a mapped file, by file. */
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

        ThreadState(long osThreadId) {
            this.osThreadId = osThreadId;
        }
    }

    /** A stall still waiting for its sample or its file. */
    private static final class Pending {
        final Fact.PageFaultStall stall;
        final Instant end;
        boolean stackKnown;
        boolean fileKnown;

        Pending(Fact.PageFaultStall stall) {
            this.stall = stall;
            this.end = stall.time().plusNanos(stall.durationNanos());
        }
    }

    public Stalls(StackFrames frames, TimeAxis axis) {
        this.frames = frames;
        this.stallOverTime = new Series(axis, Series.Fold.SUM);
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.PageFaultStall.class, Fact.ExecutionSample.class, Fact.MappedAccess.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.PageFaultStall stall) {
            stalled(stall);
        } else if (fact instanceof Fact.ExecutionSample sample) {
            ThreadState thread = threads.get(sample.osThreadId());
            if (thread != null) {
                remember(thread.samples, sample);
                thread.pending.forEach(p -> joinSample(p, sample));
                expire(thread, sample.time());
            }
        } else if (fact instanceof Fact.MappedAccess access) {
            ThreadState thread = threads.computeIfAbsent(access.osThreadId(), ThreadState::new);
            remember(thread.accesses, access);
            thread.pending.forEach(p -> joinAccess(p, access));
            expire(thread, access.time());
        }
    }

    private void stalled(Fact.PageFaultStall stall) {
        ThreadState thread = threads.computeIfAbsent(stall.osThreadId(), ThreadState::new);
        thread.name = stall.threadName();
        thread.stalls.add(stall);
        total.add(stall);
        stallOverTime.add(stall.time(), stall.durationNanos() / 1_000_000);
        Pending pending = new Pending(stall);
        thread.samples.forEach(s -> joinSample(pending, s));
        thread.accesses.forEach(a -> joinAccess(pending, a));
        if (!pending.stackKnown || !pending.fileKnown) {
            if (thread.pending.size() == RECENT) {
                thread.pending.removeFirst();
            }
            thread.pending.addLast(pending);
        }
    }

    private void joinSample(Pending pending, Fact.ExecutionSample sample) {
        if (pending.stackKnown || sample.time().isBefore(pending.stall.time())
                || sample.time().isAfter(pending.end.plus(SAMPLE_WINDOW))) {
            return;
        }
        pending.stackKnown = true;
        List<String> stack = frames.describe(sample.stack());
        Group group = byStack.get(stack);
        if (group == null) {
            group = byStack.computeIfAbsent(byStack.size() < MAX_STACKS ? stack : OTHER_STACKS, k -> new Group());
        }
        group.add(pending.stall);
        withStack.add(pending.stall);
    }

    private void joinAccess(Pending pending, Fact.MappedAccess access) {
        Instant accessEnd = access.time().plusNanos(access.durationNanos());
        if (pending.fileKnown || access.path() == null || accessEnd.isBefore(pending.stall.time())
                || access.time().isAfter(pending.end)) {
            return;
        }
        pending.fileKnown = true;
        byFile.computeIfAbsent(access.path(), p -> new Group()).add(pending.stall);
        withFile.add(pending.stall);
    }

    private static void expire(ThreadState thread, Instant now) {
        thread.pending.removeIf(p -> (p.stackKnown || now.isAfter(p.end.plus(SAMPLE_WINDOW)))
                && (p.fileKnown || now.isAfter(p.end.plus(FILE_WINDOW))));
    }

    private static <T> void remember(Deque<T> recent, T fact) {
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(fact);
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

    /** The stalls that overlap an access to a mapped file by their thread. */
    public StallFigures withFile() {
        return withFile.figures();
    }

    /** Threads, the longest stalled first. */
    public List<ThreadStalls> threads() {
        List<ThreadStalls> list = new ArrayList<>();
        threads.values().stream().filter(t -> t.stalls.stalls > 0)
                .forEach(t -> list.add(new ThreadStalls(t.osThreadId, t.name, t.stalls.figures())));
        list.sort(Comparator.comparingLong((ThreadStalls t) -> t.stalls().nanos()).reversed());
        return list;
    }

    /** Stacks, the longest stalled first. */
    public List<StackStalls> stacks() {
        List<StackStalls> list = new ArrayList<>();
        byStack.forEach((stack, group) -> list.add(new StackStalls(stack, group.figures())));
        list.sort(Comparator.comparingLong((StackStalls s) -> s.stalls().nanos()).reversed());
        return list;
    }

    /** Files, the longest stalled first. */
    public List<FileStalls> files() {
        List<FileStalls> list = new ArrayList<>();
        byFile.forEach((path, group) -> list.add(new FileStalls(path, group.figures())));
        list.sort(Comparator.comparingLong((FileStalls f) -> f.stalls().nanos()).reversed());
        return list;
    }

    /** The stalls tied to {@code path}, or null when none was. */
    StallFigures tiedTo(String path) {
        Group group = byFile.get(path);
        return group == null ? null : group.figures();
    }

    /** Stall time over time, in milliseconds per bucket. */
    public Series stallOverTime() {
        return stallOverTime;
    }
}
