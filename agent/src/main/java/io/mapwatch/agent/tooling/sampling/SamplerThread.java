package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.Log;
import io.mapwatch.kernel.units.Period;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that runs a few {@link SamplerTask}s, each at its own period. A user-given
 * period is honoured; only passes that cost more than 10% of their period stretch it, and the
 * stretch is reported. The cost is the pass's CPU time, averaged over a few passes, so that a
 * machine busy with the application does not count against us. Each task's CPU time is kept for
 * {@code mapwatch.AgentStatus}. The thread never keeps the JVM alive.
 */
final class SamplerThread implements Runnable {
    /** A user-given period is stretched only when its passes take more than this share of it. */
    static final double USER_PERIOD_SHARE = 0.10;
    /**
     * A default period is stretched when its passes take more than this share of it: the
     * samplers whose cost grows with threads, mappings and resident size stay, together, near 1%
     * of one core however large the process.
     */
    static final double DEFAULT_PERIOD_SHARE = 0.0015;
    /**
     * Passes cheaper than this are never stretched by the budget: in an ordinary JVM a 1 s pass of
     * about a millisecond is close to 0.15%, and a slower machine must not halve its resolution.
     */
    private static final long BUDGET_FLOOR_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Passes whose cost is not held against a task: the JIT has not compiled the samplers yet. */
    private static final int WARM_UP_PASSES = 5;
    /** Tasks this slow are judged from their second pass: five would take minutes. */
    private static final long LONG_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Passes at least this long are logged at {@code log=debug}; the stall sampler's are far shorter. */
    private static final long DEBUG_PASS_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String name;
    private final List<Scheduled> tasks = new ArrayList<>();
    private final Sources sources;
    private final Object passLock = new Object();
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final boolean cpuSupported = cpu.isCurrentThreadCpuTimeSupported();
    private volatile boolean stopped;
    private volatile Selector waiter;
    private Thread thread;

    private static final class Scheduled {
        final SamplerTask task;
        final long configuredNanos;
        final double maxShare;
        volatile long periodNanos;
        long dueAt;
        long failures;
        long passes;
        /** Moving average of the pass's CPU time, so that one slow pass does not stretch the period. */
        double averageCpuNanos;
        /** CPU time of all passes so far; written by the sampler thread only. */
        volatile long cpuNanos;
        volatile String adjustment;

        Scheduled(SamplerTask task, long periodNanos, double maxShare) {
            this.task = task;
            this.configuredNanos = periodNanos;
            this.maxShare = maxShare;
            this.periodNanos = periodNanos;
        }
    }

    SamplerThread(String name, Sources sources) {
        this.name = name;
        this.sources = sources;
    }

    /**
     * Adds a task unless its period is off, to be stretched when its passes take more than
     * {@code maxShare} of the period in CPU time. Before {@link #start()} only.
     */
    void schedule(SamplerTask task, Period period, double maxShare) {
        if (!period.isOff()) {
            tasks.add(new Scheduled(task, period.toNanos(), maxShare));
        }
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    void start() {
        if (tasks.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        for (Scheduled s : tasks) {
            s.dueAt = now;
        }
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
        Selector waiter = this.waiter;
        if (waiter != null) {
            waiter.wakeup();
        }
    }

    /**
     * Waits about {@code nanos}. On a selector with nothing registered rather than by parking:
     * JFR records every park longer than 20 ms as a {@code jdk.ThreadPark} with a stack trace, and a
     * sampler sleeping between passes would put several of those a second into the user's
     * recording, each costing a stack walk. A select is not an event.
     */
    private void sleep(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        Selector waiter = this.waiter;
        if (waiter == null || millis == 0) {
            LockSupport.parkNanos(this, nanos); // under a millisecond: below any JFR threshold
            return;
        }
        try {
            waiter.select(millis);
        } catch (IOException | ClosedSelectorException e) {
            this.waiter = null;
            LockSupport.parkNanos(this, nanos);
        }
    }

    @Override
    public void run() {
        try {
            waiter = Selector.open();
        } catch (IOException | RuntimeException e) {
            waiter = null; // parking works too, with jdk.ThreadPark events in a recording
        }
        try {
            loop();
        } finally {
            Selector open = waiter;
            waiter = null;
            if (open != null) {
                try {
                    open.close();
                } catch (IOException ignored) {
                    // nothing registered, nothing to lose
                }
            }
        }
    }

    private void loop() {
        while (!stopped) {
            long now = System.nanoTime();
            long nextDue = Long.MAX_VALUE;
            for (Scheduled s : tasks) {
                if (now - s.dueAt >= 0) {
                    runPass(s);
                    long after = System.nanoTime();
                    s.dueAt += s.task.nextDelay(s.periodNanos);
                    if (after - s.dueAt >= 0) {
                        s.dueAt = after + s.periodNanos; // fell behind: start again from now
                    }
                }
                nextDue = Math.min(nextDue, s.dueAt);
            }
            long sleep = nextDue - System.nanoTime();
            if (sleep > 0) {
                sleep(sleep);
            }
        }
    }

    /** Runs {@code task} now on the calling thread, between this thread's passes. */
    void runNow(SamplerTask task) {
        synchronized (passLock) {
            try {
                task.run();
            } catch (Throwable t) {
                sources.failed(task.name(), t);
            }
        }
    }

    private void runPass(Scheduled s) {
        synchronized (passLock) {
            long wallStart = System.nanoTime();
            long cpuStart = threadCpuNanos();
            try {
                s.task.run();
            } catch (Throwable t) {
                if (s.failures++ == 0) {
                    Log.warn(s.task.name() + " sampler failed, will keep trying: " + t);
                }
                sources.failed(s.task.name(), t);
            }
            long wallNanos = System.nanoTime() - wallStart;
            long cpuNanos = cpuStart < 0 ? wallNanos : threadCpuNanos() - cpuStart; // wall time bounds CPU time
            s.cpuNanos += cpuNanos;
            if (wallNanos >= DEBUG_PASS_NANOS && Log.enabled(Log.Level.DEBUG)) {
                // With its wall-clock start, so that a slow pass can be lined up with events of the same moment.
                Log.debug(String.format(Locale.ROOT, "%s pass at %d ms since the epoch took %.3f ms (%.3f ms of CPU)",
                        s.task.name(), System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(wallNanos),
                        wallNanos / 1e6, cpuNanos / 1e6));
            }
            if (++s.passes > WARM_UP_PASSES || (s.passes > 1 && s.configuredNanos >= LONG_PERIOD_NANOS)) {
                judge(s, cpuNanos);
            }
        }
    }

    /** This thread's CPU time, -1 where the JVM does not measure it. */
    private long threadCpuNanos() {
        return cpuSupported ? cpu.getCurrentThreadCpuTime() : -1;
    }

    /**
     * Stretches the period of a task whose passes take more than its share of it in CPU time, on
     * a moving average so that one slow pass (a page-cache miss, a preemption) does not.
     */
    private void judge(Scheduled s, long cpuNanos) {
        long limit = (long) (s.periodNanos * s.maxShare);
        if (s.maxShare < USER_PERIOD_SHARE) {
            limit = Math.max(limit, BUDGET_FLOOR_NANOS);
        }
        boolean slowTaskStarts = s.averageCpuNanos == 0 && s.configuredNanos >= LONG_PERIOD_NANOS;
        s.averageCpuNanos = slowTaskStarts ? cpuNanos : s.averageCpuNanos * 0.8 + cpuNanos * 0.2;
        if (s.averageCpuNanos > limit) {
            long stretched = Math.max(s.periodNanos * 2, (long) (s.averageCpuNanos / s.maxShare));
            s.adjustment = String.format(Locale.ROOT,
                    "%s period stretched from %s to %s: its passes took %.1f ms of CPU, more than %s%% of the period",
                    s.task.name(), Period.of(Duration.ofNanos(s.configuredNanos)),
                    Period.of(Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(stretched))),
                    s.averageCpuNanos / 1e6, BigDecimal.valueOf(s.maxShare * 100).stripTrailingZeros().toPlainString());
            s.periodNanos = stretched;
            s.averageCpuNanos = 0;
            Log.info(s.adjustment);
        }
    }

    /** CPU time of each task's passes since the start, by task name. */
    void cpuByTask(Map<String, Long> into) {
        for (Scheduled s : tasks) {
            into.merge(s.task.name(), s.cpuNanos, Long::sum);
        }
    }

    /** Adjustments made so far, one per stretched task. */
    List<String> adjustments() {
        List<String> out = new ArrayList<>();
        for (Scheduled s : tasks) {
            if (s.adjustment != null) {
                out.add(s.adjustment);
            }
        }
        return out;
    }

    /** CPU time this thread has used; 0 before it starts, -1 where the JVM does not measure it. */
    long cpuNanos() {
        Thread t = thread;
        if (t == null) {
            return 0;
        }
        try {
            return cpu.getThreadCpuTime(t.getId());
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }
}
