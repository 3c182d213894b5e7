package io.mapwatch.testapps;

import java.lang.management.ManagementFactory;

/**
 * When a workload starts counting: after {@code --warmup S} seconds from now, or, with
 * {@code --measure-at S}, S seconds after this JVM started (the JVM's own record of that moment,
 * taken before any agent's premain). Two runs started together, as a benchmark pair starts them,
 * then count the same seconds of wall-clock time however long each one's start-up took, so that
 * neither counts while the other is still starting, touching its data or already gone: when two
 * workloads slow each other down, a window one side spends partly alone is biased in its favour.
 * (The kernel's process start time, as {@code ProcessHandle} gives it, was seconds off on a VM
 * whose clock was set after boot.)
 */
public final class MeasuredWindow {
    private MeasuredWindow() {
    }

    /**
     * The window's start as a {@link System#nanoTime()} value. A run that reaches it late (its
     * start-up took longer than {@code --measure-at}) prints {@code late_seconds} and exits with
     * status 1, so that the benchmark has no figure from it instead of a biased one.
     */
    public static long start(Args args, double defaultWarmupSeconds) {
        long now = System.nanoTime();
        String at = args.string("measure-at", null);
        if (at == null) {
            return now + (long) (args.decimal("warmup", defaultWarmupSeconds) * 1e9);
        }
        long startMillis = ManagementFactory.getRuntimeMXBean().getStartTime() + (long) (Double.parseDouble(at) * 1000);
        long untilStart = (startMillis - System.currentTimeMillis()) * 1_000_000L;
        if (untilStart < 0) {
            Report.result("late_seconds", -untilStart / 1e9);
            System.out.flush();
            System.exit(1);
        }
        return now + untilStart;
    }
}
