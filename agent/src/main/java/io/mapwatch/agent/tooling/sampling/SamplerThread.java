package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.Log;
import io.mapwatch.agent.tooling.Period;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A daemon thread that runs a few {@link SamplerTask}s, each at its own period. A user-given
 * period is honoured; only passes that cost more than 10% of their period stretch it, and the
 * stretch is reported. The cost is the pass's CPU time, averaged over a few passes, so that a
 * machine busy with the application does not count against us; wall time, which is cheap to
 * read, decides when the CPU time needs reading at all. The thread never keeps the JVM alive.
 */
final class SamplerThread implements Runnable {
    private static final double MAX_SHARE = 0.10;
    /** Passes whose cost is not held against a task: the JIT has not compiled the samplers yet. */
    private static final int WARM_UP_PASSES = 5;
    /** Passes at least this long are logged at {@code log=debug}; the stall sampler's are far shorter. */
    private static final long DEBUG_PASS_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String name;
    private final List<Scheduled> tasks = new ArrayList<>();
    private final Sources sources;
    private final Object passLock = new Object();
    private final ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    private volatile boolean stopped;
    private Thread thread;

    private static final class Scheduled {
        final SamplerTask task;
        final long configuredNanos;
        volatile long periodNanos;
        long dueAt;
        long failures;
        long passes;
        /** Moving average of the pass's CPU time, so that one slow pass does not stretch the period. */
        double averageCpuNanos;
        volatile String adjustment;

        Scheduled(SamplerTask task, long periodNanos) {
            this.task = task;
            this.configuredNanos = periodNanos;
            this.periodNanos = periodNanos;
        }
    }

    SamplerThread(String name, Sources sources) {
        this.name = name;
        this.sources = sources;
    }

    /** Adds a task unless its period is off. Before {@link #start()} only. */
    void schedule(SamplerTask task, Period period) {
        if (!period.isOff()) {
            tasks.add(new Scheduled(task, period.toNanos()));
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
    }

    @Override
    public void run() {
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
                LockSupport.parkNanos(this, sleep);
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
            boolean judge = ++s.passes > WARM_UP_PASSES;
            long wallStart = System.nanoTime();
            long cpuStart = judge && s.averageCpuNanos > 0 ? cpu.getCurrentThreadCpuTime() : -1;
            try {
                s.task.run();
            } catch (Throwable t) {
                if (s.failures++ == 0) {
                    Log.warn(s.task.name() + " sampler failed, will keep trying: " + t);
                }
                sources.failed(s.task.name(), t);
            }
            long wallNanos = System.nanoTime() - wallStart;
            if (wallNanos >= DEBUG_PASS_NANOS && Log.enabled(Log.Level.DEBUG)) {
                // With its wall-clock start, so that a slow pass can be lined up with events of the same moment.
                Log.debug(String.format(Locale.ROOT, "%s pass at %d ms since the epoch took %.3f ms",
                        s.task.name(), System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(wallNanos),
                        wallNanos / 1e6));
            }
            if (judge) {
                judge(s, wallNanos, cpuStart);
            }
        }
    }

    /**
     * Wall time bounds CPU time from above, so a pass cheap by the wall clock is cheap; CPU time
     * is read only while a task looks expensive, and only CPU time stretches the period.
     */
    private void judge(Scheduled s, long wallNanos, long cpuStart) {
        long limit = (long) (s.periodNanos * MAX_SHARE);
        if (cpuStart < 0) {
            if (wallNanos > limit) {
                s.averageCpuNanos = limit; // measure the CPU time of the next passes
            }
            return;
        }
        long cpuNanos = cpu.getCurrentThreadCpuTime() - cpuStart;
        s.averageCpuNanos = s.averageCpuNanos * 0.8 + cpuNanos * 0.2;
        if (s.averageCpuNanos < limit / 2.0) {
            s.averageCpuNanos = 0; // cheap again: back to the wall clock
        } else if (s.averageCpuNanos > limit) {
            long stretched = Math.max(s.periodNanos * 2, (long) (s.averageCpuNanos / MAX_SHARE));
            s.adjustment = String.format(Locale.ROOT, "%s period stretched from %s to %s: its passes took %d ms of CPU",
                    s.task.name(), Period.of(Duration.ofNanos(s.configuredNanos)),
                    Period.of(Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(stretched))),
                    TimeUnit.NANOSECONDS.toMillis((long) s.averageCpuNanos));
            s.periodNanos = stretched;
            s.averageCpuNanos = 0;
            Log.info(s.adjustment);
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
