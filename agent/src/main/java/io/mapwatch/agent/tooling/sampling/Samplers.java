package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.AgentOptions;
import io.mapwatch.agent.tooling.Log;
import io.mapwatch.kernel.units.Period;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The agent's samplers on two daemon threads: {@code mapwatch-sampler} for the inventory,
 * pressure, residency and smaps passes, whose cost grows with the mappings, and
 * {@code mapwatch-threads} for the fault counters and the stall sampler, which must keep its
 * short period whatever the other passes cost.
 */
public final class Samplers {
    private final Totals totals = new Totals();
    private final Sources sources = new Sources();
    private final SamplerThread slow = new SamplerThread("mapwatch-sampler", sources);
    private final SamplerThread fast = new SamplerThread("mapwatch-threads", sources);
    private ThreadSampler threads;
    private InventorySampler inventory;

    private Samplers() {
    }

    /** How often {@code mapwatch.AgentStatus} is emitted between chunk edges. */
    private static final Period STATUS_PERIOD = Period.parse("60s");

    /**
     * Creates the samplers the options ask for, with {@code status} run every minute on the
     * sampler thread; {@link #start()} starts them. Never throws.
     */
    public static Samplers create(AgentOptions options, Instrumentation inst, Runnable status) {
        Samplers samplers = new Samplers();
        try {
            samplers.schedule(options, inst);
        } catch (RuntimeException | LinkageError e) {
            Log.warn("samplers not started, lifecycle events still work: " + e);
        }
        samplers.every(STATUS_PERIOD, "status", status);
        return samplers;
    }

    /**
     * Runs {@code action} every {@code period} on the {@code mapwatch-sampler} thread, between the
     * samplers' passes; before {@link #start()} only. A throw is counted like a sampler's.
     */
    public void every(Period period, String name, Runnable action) {
        slow.schedule(SamplerTask.of(name, action::run), period, SamplerThread.USER_PERIOD_SHARE);
    }

    public void start() {
        slow.start();
        fast.start();
    }

    private void schedule(AgentOptions options, Instrumentation inst) {
        double sampleShare = share(options, "sample");
        if (!options.sample().isOff()) {
            inventory = new InventorySampler(totals, sources);
            slow.schedule(inventory, options.sample(), sampleShare);
            slow.schedule(new PressureSampler(sources), options.sample(), sampleShare);
        }
        if (!options.residency().isOff() || !options.smaps().isOff()) {
            ResidencySampler residency = new ResidencySampler(totals, sources, inst, options.residency().toNanos());
            slow.schedule(residency.smaps(), options.smaps(), share(options, "smaps"));
            slow.schedule(residency.residency(), options.residency(), share(options, "residency"));
        }
        if (options.stalls().isOff()) {
            sources.unavailable("stalls", "stalls=off");
        } else {
            sources.ok("stalls");
        }
        if (!options.sample().isOff() || !options.stalls().isOff()) {
            threads = new ThreadSampler(totals, sources);
            fast.schedule(threads.counters(), options.sample(), sampleShare);
            // Its cost follows the threads in page faults, which is when it matters most: never held to the budget.
            fast.schedule(threads.stalls(), options.stalls(), SamplerThread.USER_PERIOD_SHARE);
        }
    }

    /** A period the user gave is honoured up to 10% of it; a default one is held to a budget. */
    private static double share(AgentOptions options, String key) {
        return options.given(key) ? SamplerThread.USER_PERIOD_SHARE : SamplerThread.DEFAULT_PERIOD_SHARE;
    }

    /**
     * At the start and end of a recording chunk: the last fault sample (counters up to now, open
     * stalls closed), and the untracked mappings reported again on the next inventory pass.
     */
    public void atChunkEdge() {
        if (threads != null) {
            fast.runNow(threads.finishing());
        }
        if (inventory != null) {
            inventory.announceAgain();
        }
    }

    public Totals totals() {
        return totals;
    }

    /** Each source with {@code ok} or why it is unavailable. */
    public String sources() {
        return sources.toString();
    }

    /** Periods stretched because a pass was expensive. */
    public String adjustments() {
        List<String> all = new ArrayList<>(slow.adjustments());
        all.addAll(fast.adjustments());
        return String.join("; ", all);
    }

    /** CPU time the sampler threads used since they started; -1 if unknown. */
    public long cpuNanos() {
        long a = slow.isEmpty() ? 0 : slow.cpuNanos();
        long b = fast.isEmpty() ? 0 : fast.cpuNanos();
        return a < 0 || b < 0 ? -1 : a + b;
    }

    /** CPU time of each sampler task's passes since the start, by task name, in a stable order. */
    public Map<String, Long> cpuByTask() {
        Map<String, Long> byTask = new TreeMap<>();
        slow.cpuByTask(byTask);
        fast.cpuByTask(byTask);
        return byTask;
    }

    public void stop() {
        slow.stop();
        fast.stop();
    }
}
