package io.mapwatch.agent.tooling.sampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Exact major faults counted per file range, thread and period, with the stall time of each
 * thread shared out among the ranges it faulted on: what {@code mapwatch.FaultRange} reports.
 *
 * <p>A range is a fixed share of its file's mapped extent ({@link #rangeLength}), so a file has at
 * most {@value #RANGES_PER_FILE} ranges however many pages fault. A stall of a thread, once it
 * ended, is shared among the ranges of the faults that thread took from the watcher's previous look
 * at it (at most one stall period before the stall's start) to its end, in proportion to their
 * number; a fault is counted when it ends, so the fault a thread was seen blocked in is among
 * them. A stall with no such fault stays
 * unattributed. For that, each thread's latest {@value #RECENT} faults are kept with their times,
 * and all of them while it is stalled (at most {@value #MAX_STALL_FAULTS}).
 *
 * <p>Not thread-safe: {@link ExactFaults} holds its lock around every call.
 */
final class FaultRanges {
    static final int RANGES_PER_FILE = 64;
    private static final long MIN_RANGE = 4096;
    static final int RECENT = 256;
    static final int MAX_STALL_FAULTS = 1 << 16;
    private static final long NO_STALL = Long.MIN_VALUE;

    /** The length of a file's ranges: the least power of two, of a page at least, that splits {@code extent} into {@value #RANGES_PER_FILE}. */
    static long rangeLength(long extent) {
        long share = Math.max(MIN_RANGE, (extent + RANGES_PER_FILE - 1) / RANGES_PER_FILE);
        return Long.highestOneBit(share - 1) << 1;
    }

    /** One range of one file (or of memory that is not a file) for one thread, and its figures in the current period. */
    static final class Range {
        String path;
        boolean tracked;
        int tid;
        long offset;
        long length;
        long faults;
        long stallNanos;
        /** In {@link #ranges}; a range that went quiet is dropped, and listed again if a stall comes back to it. */
        boolean listed;

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Range)) {
                return false;
            }
            Range r = (Range) o;
            return tid == r.tid && offset == r.offset && length == r.length && tracked == r.tracked && Objects.equals(path, r.path);
        }

        @Override
        public int hashCode() {
            return ((Objects.hashCode(path) * 31 + tid) * 31 + Long.hashCode(offset)) * 31 + (tracked ? 1 : 0);
        }
    }

    /** What one range reports for one period. */
    record Counted(String path, boolean tracked, int tid, long offset, long length, long faults, long stallNanos) {
    }

    /** A thread's recent faults, and all its faults while it is stalled. */
    private static final class ThreadFaults {
        final int tid;
        final long[] recentTimes = new long[RECENT];
        final Range[] recentRanges = new Range[RECENT];
        int recentNext;
        int recentCount;
        long stallSince = NO_STALL;
        long stallWindowStart;
        long[] stallTimes;
        Range[] stallRanges;
        int stallCount;
        boolean faultedThisPeriod;

        ThreadFaults(int tid) {
            this.tid = tid;
        }

        void add(long time, Range range) {
            faultedThisPeriod = true;
            recentTimes[recentNext] = time;
            recentRanges[recentNext] = range;
            recentNext = (recentNext + 1) % RECENT;
            recentCount = Math.min(recentCount + 1, RECENT);
            if (stallSince != NO_STALL) {
                addToStall(time, range);
            }
        }

        void addToStall(long time, Range range) {
            if (stallCount == stallTimes.length) {
                if (stallCount == MAX_STALL_FAULTS) {
                    return; // the stall's share is decided by the faults kept
                }
                stallTimes = Arrays.copyOf(stallTimes, stallCount * 2);
                stallRanges = Arrays.copyOf(stallRanges, stallCount * 2);
            }
            stallTimes[stallCount] = time;
            stallRanges[stallCount] = range;
            stallCount++;
        }
    }

    private final Map<Range, Range> ranges = new HashMap<>();
    private final Map<Integer, ThreadFaults> threads = new HashMap<>();
    private final Range probe = new Range();
    private final boolean stallsMeasured;
    private final long stallPeriodNanos;
    private ThreadFaults lastThread;

    /** @param stallPeriodNanos the stall watcher's period; 0 when it does not run (stall time is then not measured) */
    FaultRanges(long stallPeriodNanos) {
        this.stallsMeasured = stallPeriodNanos > 0;
        this.stallPeriodNanos = stallPeriodNanos;
    }

    /** One major fault of {@code tid} at {@code time} (CLOCK_MONOTONIC) in the range at {@code offset}. */
    void fault(int tid, long time, String path, boolean tracked, long offset, long length) {
        probe.path = path;
        probe.tracked = tracked;
        probe.tid = tid;
        probe.offset = offset;
        probe.length = length;
        Range range = ranges.get(probe);
        if (range == null) {
            range = new Range();
            range.path = path;
            range.tracked = tracked;
            range.tid = tid;
            range.offset = offset;
            range.length = length;
            range.listed = true;
            ranges.put(range, range);
        }
        range.faults++;
        if (stallsMeasured) {
            threadFaults(tid).add(time, range);
        }
    }

    private ThreadFaults threadFaults(int tid) {
        ThreadFaults thread = lastThread;
        if (thread == null || thread.tid != tid) {
            thread = threads.computeIfAbsent(tid, ThreadFaults::new);
            lastThread = thread;
        }
        return thread;
    }

    /**
     * The stall watcher saw {@code tid} blocked in a fault, first at {@code since}, after it had seen
     * it running at {@code seenRunning}: the stall is tied to the faults that ended from then on.
     */
    void stallStarted(int tid, long since, long seenRunning) {
        if (!stallsMeasured) {
            return;
        }
        ThreadFaults thread = threadFaults(tid);
        thread.stallSince = since;
        thread.stallWindowStart = Math.max(seenRunning, since - stallPeriodNanos);
        thread.stallTimes = new long[Math.max(16, thread.recentCount)];
        thread.stallRanges = new Range[thread.stallTimes.length];
        thread.stallCount = 0;
        for (int i = 0; i < thread.recentCount; i++) {
            int at = Math.floorMod(thread.recentNext - thread.recentCount + i, RECENT);
            if (thread.recentTimes[at] - thread.stallWindowStart >= 0) {
                thread.addToStall(thread.recentTimes[at], thread.recentRanges[at]);
            }
        }
    }

    /**
     * The stall of {@code tid} ended at {@code end}, {@code duration} of it blocked: that time goes
     * to the ranges of the thread's faults from the start of its window to {@code end}, in
     * proportion to their number.
     */
    void stallEnded(int tid, long end, long duration) {
        ThreadFaults thread = threads.get(tid);
        if (thread == null || thread.stallSince == NO_STALL) {
            return;
        }
        Map<Range, long[]> counts = new IdentityHashMap<>();
        long total = 0;
        for (int i = 0; i < thread.stallCount; i++) {
            long time = thread.stallTimes[i];
            if (time - thread.stallWindowStart >= 0 && end - time >= 0) {
                counts.computeIfAbsent(thread.stallRanges[i], r -> new long[1])[0]++;
                total++;
            }
        }
        thread.stallSince = NO_STALL;
        thread.stallTimes = null;
        thread.stallRanges = null;
        thread.stallCount = 0;
        if (total == 0 || duration <= 0) {
            return; // no fault of the thread in the stall: its time stays unattributed
        }
        long given = 0;
        int left = counts.size();
        for (Map.Entry<Range, long[]> e : counts.entrySet()) {
            long share = --left == 0 ? duration - given : duration * e.getValue()[0] / total;
            given += share;
            listed(e.getKey()).stallNanos += share;
        }
    }

    /** The listed range equal to {@code range}: itself, listed again if it was dropped, or the one listed since. */
    private Range listed(Range range) {
        if (range.listed) {
            return range;
        }
        Range current = ranges.get(range);
        if (current != null) {
            return current;
        }
        range.listed = true;
        range.faults = 0;
        range.stallNanos = 0;
        ranges.put(range, range);
        return range;
    }

    /**
     * The figures of every range that had faults or stall time since the last call, zeroed for
     * the next period. Ranges and threads that stayed quiet a whole period are forgotten.
     */
    List<Counted> takePeriod() {
        List<Counted> counted = new ArrayList<>();
        for (Iterator<Range> it = ranges.values().iterator(); it.hasNext(); ) {
            Range r = it.next();
            if (r.faults == 0 && r.stallNanos == 0) {
                r.listed = false;
                it.remove();
                continue;
            }
            counted.add(new Counted(r.path, r.tracked, r.tid, r.offset, r.length, r.faults, stallsMeasured ? r.stallNanos : -1));
            r.faults = 0;
            r.stallNanos = 0;
        }
        threads.values().removeIf(t -> {
            boolean quiet = !t.faultedThisPeriod && t.stallSince == NO_STALL;
            t.faultedThisPeriod = false;
            return quiet;
        });
        lastThread = null;
        return counted;
    }
}
