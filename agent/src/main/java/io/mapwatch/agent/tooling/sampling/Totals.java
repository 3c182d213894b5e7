package io.mapwatch.agent.tooling.sampling;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest process-wide figures the samplers measured, for {@code mapwatch.MappedMemory} and for
 * JMX readers. Each field is written by one sampler thread; -1 until first measured, and for good
 * when its sampler is off or its source unavailable.
 */
public final class Totals {
    volatile long residentBytes = -1;
    volatile long pageCacheBytes = -1;
    volatile long untrackedCount = -1;
    volatile long untrackedBytes = -1;
    volatile long ownCount = -1;
    volatile long ownBytes = -1;
    volatile long mapCount = -1;
    volatile long maxMapCount = -1;
    final AtomicLong majorFaults = new AtomicLong(-1);
    final AtomicLong minorFaults = new AtomicLong(-1);
    final AtomicLong stallNanos = new AtomicLong(-1);
    volatile long exactThreadsCovered = -1;
    volatile long exactThreadsUncovered = -1;
    volatile long exactFaultsLost = -1;
    /** Set once the figures are published over JMX: from then on a client may read any of them. */
    private volatile boolean published;

    /** The figures now have a reader other than a recording: the JMX bean. */
    public void markPublished() {
        published = true;
    }

    boolean published() {
        return published;
    }

    /** Resident bytes of the tracked mappings at the last residency pass. */
    public long residentBytes() {
        return residentBytes;
    }

    /** Page-cache bytes of the tracked mappings at the last residency pass. */
    public long pageCacheBytes() {
        return pageCacheBytes;
    }

    public long untrackedCount() {
        return untrackedCount;
    }

    public long untrackedBytes() {
        return untrackedBytes;
    }

    /** File mappings of the agent's own files and JFR's repository at the last inventory pass. */
    public long ownCount() {
        return ownCount;
    }

    public long ownBytes() {
        return ownBytes;
    }

    public long mapCount() {
        return mapCount;
    }

    public long maxMapCount() {
        return maxMapCount;
    }

    /** Major faults of the process since the agent started. */
    public long majorFaults() {
        return majorFaults.get();
    }

    /** Minor faults of the process since the agent started. */
    public long minorFaults() {
        return minorFaults.get();
    }

    /** Summed duration of the page-fault stalls seen since the agent started. */
    public long stallMillis() {
        long nanos = stallNanos.get();
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    /** Threads given perf events when the exact mode started; -1 when it does not run. */
    public long exactThreadsCovered() {
        return exactThreadsCovered;
    }

    /** Threads that existed when the exact mode started and got no perf events; -1 when it does not run. */
    public long exactThreadsUncovered() {
        return exactThreadsUncovered;
    }

    /** Major-fault samples the kernel dropped since the exact mode started (a buffer was full); -1 when it does not run. */
    public long exactFaultsLost() {
        return exactFaultsLost;
    }

    /** Adds to a counter that is -1 until its first measurement; adding 0 marks it measured. */
    static void count(AtomicLong counter, long delta) {
        counter.accumulateAndGet(delta, (now, more) -> Math.max(now, 0) + more);
    }
}
