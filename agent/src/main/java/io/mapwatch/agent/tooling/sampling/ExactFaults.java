package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import io.mapwatch.agent.tooling.linux.LinuxCalls;
import io.mapwatch.events.FaultRangeEvent;

import java.util.List;
import java.util.function.IntFunction;

/**
 * Exact major faults: every major fault of the process, read from the kernel's perf buffers
 * ({@link MajorFaultEvents}), tied to the file and range its address maps ({@link FaultAddresses})
 * and counted per file range, thread and period ({@link FaultRanges}); at each pass of the fault
 * counters and at chunk edges, one {@code mapwatch.FaultRange} per range that had faults or stall
 * time. Never one event per fault.
 *
 * <p>The buffers are read by the stall watcher (while it watches, at each of its samples) and by
 * the fault counters' passes: reading is a few loads of mapped memory per CPU and no system call.
 * The events run only while a recording wants {@code mapwatch.FaultRange}: without one the kernel
 * writes no samples, and the stall watcher wakes as it does without the exact mode.
 */
final class ExactFaults implements PerfRing.RecordSink {
    static final String EXACT = "exact";

    private final MajorFaultEvents events;
    private final FaultAddresses addresses = new FaultAddresses();
    private final FaultRanges ranges;
    private final FaultAddresses.Place place = new FaultAddresses.Place();
    private final FaultRangeEvent prototype = new FaultRangeEvent();
    private final Totals totals;
    private final Sources sources;
    private final int pid = (int) ProcessHandle.current().pid();
    private long periodStart = System.nanoTime();
    private long lost;
    /** Set once the buffers are unmapped: nothing may read them afterwards. */
    private boolean closed;

    private ExactFaults(MajorFaultEvents events, long stallPeriodNanos, Totals totals, Sources sources) {
        this.events = events;
        this.ranges = new FaultRanges(stallPeriodNanos);
        this.totals = totals;
        this.sources = sources;
    }

    /**
     * Opens the events on the calling thread and the others, or returns null with the reason in
     * {@code sources}. {@code stallPeriodNanos} is the stall watcher's period, 0 when it is off.
     */
    static ExactFaults open(LinuxCalls calls, long pageSize, long stallPeriodNanos, Totals totals, Sources sources) {
        try {
            MajorFaultEvents events = MajorFaultEvents.open(calls, pageSize);
            sources.ok(EXACT);
            totals.exactThreadsCovered = events.coveredThreads();
            totals.exactThreadsUncovered = events.uncoveredThreads();
            totals.exactFaultsLost = 0;
            return new ExactFaults(events, stallPeriodNanos, totals, sources);
        } catch (MajorFaultEvents.Refused refused) {
            sources.unavailable(EXACT, refused.getMessage());
            return null;
        }
    }

    /** Why some threads are not covered; null when all are. */
    String uncoveredReason() {
        return events.uncoveredReason();
    }

    int cpus() {
        return events.cpus();
    }

    /** The inventory read maps again: untracked file mappings resolve against what it found. */
    void untrackedFiles(UntrackedFiles files) {
        addresses.untrackedFiles(files);
    }

    /** Reads the buffers: every fault so far is counted in its range. */
    synchronized void drain() {
        if (closed) {
            return;
        }
        addresses.refresh();
        for (PerfRing ring : events.rings()) {
            ring.drain(this);
        }
    }

    @Override
    public void fault(int pid, int tid, long time, long address) {
        if (pid == this.pid && addresses.resolve(address, place)) { // another pid: a child process before exec, on kernels before 5.13
            ranges.fault(tid, time, place.path, place.tracked, place.rangeOffset, place.rangeLength);
        }
    }

    @Override
    public void lost(long count) {
        lost += count;
        totals.exactFaultsLost = lost;
    }

    /**
     * The stall watcher saw {@code tid} blocked in a fault, first at {@code since}, and running at
     * its previous look, {@code seenRunning} ({@link System#nanoTime()} both).
     */
    synchronized void stallStarted(int tid, long since, long seenRunning) {
        ranges.stallStarted(tid, since, seenRunning);
    }

    /** ... and the stall ended at {@code end}, {@code stalledNanos} of it blocked: that time goes to the ranges it faulted on. */
    synchronized void stallEnded(int tid, long end, long stalledNanos) {
        ranges.stallEnded(tid, end, stalledNanos);
    }

    /**
     * A pass of the fault counters, or a chunk edge: follows the recordings (the events run while
     * one wants {@code mapwatch.FaultRange}), reads the buffers and emits the period's ranges.
     * {@code threadNames} gives a thread's name, called without this object's lock.
     */
    void emit(IntFunction<String> threadNames) {
        boolean wanted = prototype.isEnabled();
        List<FaultRanges.Counted> period;
        long interval;
        synchronized (this) {
            follow(wanted);
            drain();
            period = ranges.takePeriod();
            long now = System.nanoTime();
            interval = now - periodStart;
            periodStart = now;
        }
        if (!wanted) {
            return;
        }
        for (FaultRanges.Counted range : period) {
            FaultRangeEvent event = new FaultRangeEvent();
            event.path = range.path();
            event.tracked = range.tracked();
            event.osThreadId = range.tid();
            event.threadName = threadNames.apply(range.tid());
            event.offset = range.offset();
            event.length = range.length();
            event.majorFaults = range.faults();
            event.stallTime = range.stallNanos();
            event.interval = interval;
            event.commit();
        }
    }

    private void follow(boolean wanted) {
        try {
            events.enable(wanted);
        } catch (ErrnoException | RuntimeException e) {
            sources.failed(EXACT, e);
        }
    }

    /**
     * For the stall watcher, asleep: waits up to {@code nanos} ({@code Long.MAX_VALUE}: until
     * {@link #wakeup()}) for a major fault; true when one was recorded.
     */
    boolean await(long nanos) {
        try {
            synchronized (this) {
                if (closed) {
                    return false;
                }
            }
            events.await(nanos);
            synchronized (this) {
                return !closed && events.hasRecords(); // a wake-up for records read since: not a new fault
            }
        } catch (ErrnoException | RuntimeException e) {
            sources.failed(EXACT, e);
            Waiting.sleep(null, this, Math.min(nanos, 1_000_000_000L));
            return false;
        }
    }

    /** Ends a wait in {@link #await}. */
    void wakeup() {
        events.wakeup();
    }

    synchronized void close() {
        if (!closed) {
            closed = true;
            events.close();
        }
    }
}
