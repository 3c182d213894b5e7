package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Page-fault counters of the process and of each thread; the events are deltas, so they add up. */
public final class FaultCounters implements Aggregator {
    private final Series majorOverTime;
    private final Series minorOverTime;
    private final Map<Long, ThreadFaults> byThread = new HashMap<>();
    private long minorFaults = -1;
    private long majorFaults = -1;

    /** Fault totals of one thread. */
    static final class ThreadFaults {
        final long osThreadId;
        String name;
        long minorFaults;
        long majorFaults;

        ThreadFaults(long osThreadId) {
            this.osThreadId = osThreadId;
        }
    }

    FaultCounters(TimeAxis axis) {
        majorOverTime = new Series(axis, Series.Fold.SUM);
        minorOverTime = new Series(axis, Series.Fold.SUM);
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.PageFaults.class, Fact.ThreadPageFaults.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.PageFaults f) {
            minorFaults = Math.max(0, minorFaults) + f.minorFaults();
            majorFaults = Math.max(0, majorFaults) + f.majorFaults();
            majorOverTime.add(f.time(), f.majorFaults());
            minorOverTime.add(f.time(), f.minorFaults());
        } else if (fact instanceof Fact.ThreadPageFaults f) {
            ThreadFaults thread = byThread.computeIfAbsent(f.osThreadId(), ThreadFaults::new);
            thread.name = f.threadName();
            thread.minorFaults += f.minorFaults();
            thread.majorFaults += f.majorFaults();
        }
    }

    /** Minor faults of the process over the recording, -1 if not measured. */
    public long minorFaults() {
        return minorFaults;
    }

    /** Major faults of the process over the recording, -1 if not measured. */
    public long majorFaults() {
        return majorFaults;
    }

    ThreadFaults thread(long osThreadId) {
        return byThread.get(osThreadId);
    }

    /** Threads, the most major faults first. */
    List<ThreadFaults> threads() {
        List<ThreadFaults> threads = new ArrayList<>(byThread.values());
        threads.sort(Comparator.comparingLong((ThreadFaults t) -> t.majorFaults).reversed()
                .thenComparing(Comparator.comparingLong((ThreadFaults t) -> t.minorFaults).reversed()));
        return threads;
    }

    public Series majorOverTime() {
        return majorOverTime;
    }

    public Series minorOverTime() {
        return minorOverTime;
    }
}
