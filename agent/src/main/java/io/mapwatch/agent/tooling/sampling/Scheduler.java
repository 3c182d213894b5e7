package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.Log;
import io.mapwatch.kernel.options.LogLevel;
import io.mapwatch.kernel.units.Period;
import io.mapwatch.events.SamplerStatusEvent;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread {@code mapwatch-sampler}, which runs every periodic sampler task.
 *
 * <p>What a sampler costs the application is mostly not its own CPU time: each wake-up that makes
 * system calls on the application's CPU costs it the caches and TLB entries it has to refill,
 * about a millisecond on a virtual machine (docs/benchmarks.md). So the tasks share one thread and
 * one time grid: every task's passes fall on multiples of its period counted from one origin,
 * and a stretched period is rounded up to whole seconds, so that all the tasks due at a moment
 * run in one wake-up, and an idle agent wakes once a second at most.
 *
 * <p>A user-given period is honoured; only passes that cost more than 10% of their period stretch
 * it, and the stretch is reported. A default period is held to a smaller budget. The cost is the
 * pass's CPU time, averaged over a few passes. The thread never keeps the JVM alive.
 */
final class Scheduler implements Runnable {
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
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** Passes at least this long are logged at {@code log=debug}. */
    private static final long DEBUG_PASS_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String threadName;
    private final List<Scheduled> tasks = new ArrayList<>();
    private final Sources sources;
    private final Object passLock = new Object();
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private final boolean cpuSupported = cpu.isCurrentThreadCpuTimeSupported();
    private volatile boolean stopped;
    private volatile Selector waiter;
    private Thread thread;
    private long origin;

    /** A task with its period and what its passes cost. Counters are written by the scheduler thread only. */
    private static final class Scheduled {
        final SamplerTask task;
        final long configuredNanos;
        final double maxShare;
        volatile long periodNanos;
        long dueAt;
        long failures;
        long passesJudged;
        double averageCpuNanos;
        volatile long passes;
        volatile long cpuNanos;
        volatile String adjustment;
        /** Set from another thread: run at once rather than at the next point of the grid. */
        volatile boolean dueNow;
        long passesReported;
        long cpuReported;

        Scheduled(SamplerTask task, long periodNanos, double maxShare) {
            this.task = task;
            this.configuredNanos = periodNanos;
            this.maxShare = maxShare;
            this.periodNanos = periodNanos;
        }
    }

    Scheduler(String threadName, Sources sources) {
        this.threadName = threadName;
        this.sources = sources;
    }

    /**
     * Adds a task at {@code periodNanos} (0 or less: not at all), to be stretched when its passes
     * take more than {@code maxShare} of the period in CPU time. Before {@link #start()} only.
     */
    void schedule(SamplerTask task, long periodNanos, double maxShare) {
        if (periodNanos > 0) {
            tasks.add(new Scheduled(task, periodNanos, maxShare));
        }
    }

    boolean isEmpty() {
        return tasks.isEmpty();
    }

    void start() {
        if (tasks.isEmpty()) {
            return;
        }
        origin = System.nanoTime();
        for (Scheduled s : tasks) {
            s.dueAt = origin;
        }
        thread = new Thread(this, threadName);
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

    @Override
    public void run() {
        waiter = Waiting.openSelector();
        try {
            loop();
        } finally {
            Waiting.close(waiter);
            waiter = null;
        }
    }

    private void loop() {
        while (!stopped) {
            long now = System.nanoTime();
            long nextDue = Long.MAX_VALUE;
            long cpuMark = -1;
            for (Scheduled s : tasks) {
                if (now - s.dueAt >= 0 || s.dueNow) {
                    s.dueNow = false;
                    cpuMark = runPass(s, cpuMark);
                    s.dueAt = nextOnGrid(s.periodNanos, System.nanoTime());
                }
                nextDue = Math.min(nextDue, s.dueAt);
            }
            Waiting.sleep(waiter, this, nextDue - System.nanoTime());
        }
    }

    /** The first multiple of {@code period} after {@code now}, counted from the origin all tasks share. */
    private long nextOnGrid(long period, long now) {
        return origin + ((now - origin) / period + 1) * period;
    }

    /** Has the scheduler thread run {@code task} as soon as it can, then keep to its grid. */
    void soon(SamplerTask task) {
        for (Scheduled s : tasks) {
            if (s.task == task) {
                s.dueNow = true;
                Selector waiter = this.waiter;
                if (waiter != null) {
                    waiter.wakeup();
                }
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

    /**
     * Runs one pass and charges it the CPU time since {@code cpuMark} (the end of the previous pass
     * of this wake-up, or -1): one clock read per pass rather than two.
     */
    private long runPass(Scheduled s, long cpuMark) {
        synchronized (passLock) {
            long wallStart = System.nanoTime();
            long cpuStart = cpuMark >= 0 ? cpuMark : threadCpuNanos();
            try {
                s.task.run();
            } catch (Throwable t) {
                if (s.failures++ == 0) {
                    Log.warn(s.task.name() + " sampler failed, will keep trying: " + t);
                }
                sources.failed(s.task.name(), t);
            }
            long wallNanos = System.nanoTime() - wallStart;
            long cpuEnd = threadCpuNanos();
            long cpuNanos = cpuStart < 0 ? wallNanos : cpuEnd - cpuStart; // wall time bounds CPU time
            s.cpuNanos += cpuNanos;
            s.passes++;
            if (wallNanos >= DEBUG_PASS_NANOS && Log.enabled(LogLevel.DEBUG)) {
                // With its wall-clock start, so that a slow pass can be lined up with events of the same moment.
                Log.debug(String.format(Locale.ROOT, "%s pass at %d ms since the epoch took %.3f ms (%.3f ms of CPU)",
                        s.task.name(), System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(wallNanos),
                        wallNanos / 1e6, cpuNanos / 1e6));
            }
            if (++s.passesJudged > WARM_UP_PASSES || (s.passesJudged > 1 && s.configuredNanos >= LONG_PERIOD_NANOS)) {
                judge(s, cpuNanos);
            }
            return cpuEnd;
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
            long stretched = wholeSeconds(Math.max(s.periodNanos * 2, (long) (s.averageCpuNanos / s.maxShare)));
            s.adjustment = String.format(Locale.ROOT,
                    "%s period stretched from %s to %s: its passes took %.1f ms of CPU, more than %s%% of the period",
                    s.task.name(), Period.of(Duration.ofNanos(s.configuredNanos)), Period.of(Duration.ofNanos(stretched)),
                    s.averageCpuNanos / 1e6, BigDecimal.valueOf(s.maxShare * 100).stripTrailingZeros().toPlainString());
            s.periodNanos = stretched;
            s.averageCpuNanos = 0;
            Log.info(s.adjustment);
        }
    }

    /** Periods of a second or more stay whole seconds, so that stretched tasks keep sharing wake-ups. */
    private static long wholeSeconds(long nanos) {
        return nanos < SECOND ? nanos : (nanos + SECOND - 1) / SECOND * SECOND;
    }

    /** One {@code mapwatch.SamplerStatus} per task: its period and what its passes cost since the last call. */
    void emitStatus() {
        for (Scheduled s : tasks) {
            long passes = s.passes;
            long cpuNanos = s.cpuNanos;
            SamplerStatusEvent event = new SamplerStatusEvent();
            event.sampler = s.task.name();
            event.period = s.periodNanos;
            event.configuredPeriod = s.configuredNanos;
            event.passes = passes - s.passesReported;
            event.cpuTime = cpuSupported ? cpuNanos - s.cpuReported : -1;
            event.adjustment = s.adjustment;
            event.commit();
            s.passesReported = passes;
            s.cpuReported = cpuNanos;
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
