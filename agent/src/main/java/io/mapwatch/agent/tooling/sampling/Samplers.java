package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.AgentOptions;
import io.mapwatch.agent.tooling.Log;
import io.mapwatch.agent.tooling.Period;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

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
        slow.schedule(new SamplerTask() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run() {
                action.run();
            }
        }, period);
    }

    public void start() {
        slow.start();
        fast.start();
    }

    private void schedule(AgentOptions options, Instrumentation inst) {
        if (!options.sample().isOff()) {
            inventory = new InventorySampler(totals, sources);
            slow.schedule(inventory, options.sample());
            slow.schedule(new PressureSampler(sources), options.sample());
        }
        if (!options.residency().isOff() || !options.smaps().isOff()) {
            ResidencySampler residency = new ResidencySampler(totals, sources, inst, options.residency().toNanos());
            slow.schedule(residency.smaps(), options.smaps());
            slow.schedule(residency.residency(), options.residency());
        }
        if (options.stalls().isOff()) {
            sources.unavailable("stalls", "stalls=off");
        } else {
            sources.ok("stalls");
        }
        if (!options.sample().isOff() || !options.stalls().isOff()) {
            threads = new ThreadSampler(totals, sources);
            fast.schedule(threads.counters(), options.sample());
            fast.schedule(threads.stalls(), options.stalls());
        }
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

    public void stop() {
        slow.stop();
        fast.stop();
    }
}
