package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.agent.tooling.Log;
import io.mapwatch.agent.tooling.linux.NativeLayer;
import io.mapwatch.kernel.options.AgentOptions;
import io.mapwatch.kernel.procfs.ClearRefs;
import io.mapwatch.kernel.units.Period;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.TimeUnit;

/**
 * The agent's samplers: every periodic task on the one {@code mapwatch-sampler} thread (see
 * {@link Scheduler} for why one), and the {@code mapwatch-stalls} thread, which sleeps until major
 * faults move and then watches the threads that take them at the short {@code stalls=} period.
 * On JDK 22+, where the kernel allows, the exact mode ({@link ExactFaults}) and {@code cachestat}
 * ({@link CacheStat}) through the agent's FFM module ({@link NativeLayer}).
 */
public final class Samplers {
    /** How often {@code mapwatch.AgentStatus} is emitted between chunk edges. */
    private static final Period STATUS_PERIOD = Period.parse("60s");
    /** With {@code sample=off} the fault counters still run this often, to wake the stall watcher. */
    private static final long STALL_TRIGGER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final File PROC_SELF = new File("/proc/self");

    private final Totals totals = new Totals();
    private final Sources sources = new Sources();
    private final Scheduler scheduler = new Scheduler("mapwatch-sampler", sources);
    private FaultCounters faults;
    private StallWatcher stalls;
    private ExactFaults exact;
    private InventorySampler inventory;
    private SamplerTask residency;

    private Samplers() {
    }

    /**
     * Creates the samplers the options ask for, with {@code status} run every minute on the
     * sampler thread; {@link #start()} starts them. Never throws. Call it on the thread that runs
     * premain: the exact mode's perf events are inherited by the threads it starts.
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
        scheduler.schedule(SamplerTask.of(name, action::run), period.toNanos(), Scheduler.USER_PERIOD_SHARE);
    }

    public void start() {
        scheduler.start();
        if (stalls != null) {
            stalls.start();
            MappingRegistry.onMap(stalls::alert);
        }
    }

    private void schedule(AgentOptions options, Instrumentation inst) {
        File stat = new File(PROC_SELF, "stat");
        ThreadTable threads = new ThreadTable(sources, new File(PROC_SELF, "task"));
        boolean counters = !options.sample().isOff();
        boolean residencyOn = !options.residency().isOff();
        NativeLayer.Loaded linux = counters && options.exact() || residencyOn ? NativeLayer.load(inst) : null;
        if (!counters) {
            sources.off(ExactFaults.EXACT, "sample=off");
        } else if (!options.exact()) {
            sources.off(ExactFaults.EXACT, "exact=off");
        } else if (linux.calls() == null) {
            sources.unavailable(ExactFaults.EXACT, linux.unavailable());
        } else {
            exact = ExactFaults.open(linux.calls(), AuxVector.pageSize(), options.stalls().isOff() ? 0 : options.stalls().toNanos(),
                    totals, sources);
            if (exact != null && exact.uncoveredReason() != null) {
                Log.info("exact major faults: " + totals.exactThreadsUncovered() + " threads not covered, the first because "
                        + exact.uncoveredReason());
            }
        }
        if (options.stalls().isOff()) {
            sources.off(StallWatcher.STALLS, "stalls=off");
        } else {
            stalls = StallWatcher.create(totals, sources, threads, options.stalls().toNanos(), stat, exact);
        }
        if (counters || stalls != null) {
            long period = counters ? options.sample().toNanos() : STALL_TRIGGER_NANOS;
            faults = new FaultCounters(totals, sources, threads, stalls, exact, counters, period, stat);
            scheduler.schedule(faults, period, share(options, "sample"));
        }
        if (counters) {
            inventory = new InventorySampler(totals, sources, faults::latest, exact == null ? null : exact::untrackedFiles);
            scheduler.schedule(inventory, options.sample().toNanos(), share(options, "sample"));
            scheduler.schedule(new PressureSampler(sources), options.sample().toNanos(), share(options, "sample"));
        } else {
            sources.off(InventorySampler.MAPS, "sample=off");
        }
        if (!residencyOn) {
            sources.off(CacheStat.CACHESTAT, "residency=off");
        }
        TrackedSmaps smaps = new TrackedSmaps(sources);
        if (residencyOn || !options.smaps().isOff()) {
            CacheStat cacheStat = residencyOn ? CacheStat.open(linux.calls(), linux.unavailable(), sources) : null;
            ResidencySampler sampler = new ResidencySampler(totals, sources, inst, options.residency().toNanos(), cacheStat,
                    smaps);
            residency = sampler.residency();
            scheduler.schedule(residency, options.residency().toNanos(), share(options, "residency"));
            scheduler.schedule(sampler.smaps(), options.smaps().toNanos(), share(options, "smaps"));
        }
        // After the smaps pass: in a wake-up where both are due, the smaps pass reads and the working-set
        // pass takes that read before it clears the accessed bits (which makes the next pass read again).
        if (options.workingSet().isOff()) {
            sources.off(WorkingSetSampler.WORKINGSET, "workingset=off");
        } else {
            scheduler.schedule(new WorkingSetSampler(sources, smaps, ClearRefs.SELF), options.workingSet().toNanos(),
                    share(options, "workingset"));
        }
    }

    /** A period the user gave is honoured up to 10% of it; a default one is held to a budget. */
    private static double share(AgentOptions options, String key) {
        return options.given(key) ? Scheduler.USER_PERIOD_SHARE : Scheduler.DEFAULT_PERIOD_SHARE;
    }

    /**
     * At the start and end of a recording chunk: the last fault sample (counters up to now, open
     * stalls closed), the untracked mappings reported again on the next inventory pass, and a
     * residency pass soon, so that a recording started late does not wait a period for one.
     */
    public void atChunkEdge() {
        if (faults != null) {
            scheduler.runNow(faults.finishing());
        }
        if (inventory != null) {
            inventory.announceAgain();
        }
        if (residency != null) {
            scheduler.soon(residency);
        }
    }

    public Totals totals() {
        return totals;
    }

    /** One {@code mapwatch.SourceStatus} per data source and one {@code mapwatch.SamplerStatus} per sampler. */
    public void emitStatus() {
        sources.emit();
        scheduler.emitStatus();
        if (stalls != null) {
            stalls.emitStatus();
        }
    }

    /** Each source's state, for log lines. */
    public String sources() {
        return sources.toString();
    }

    /** CPU time the sampler threads used since they started; -1 if unknown. */
    public long cpuNanos() {
        long a = scheduler.isEmpty() ? 0 : scheduler.cpuNanos();
        long b = stalls == null ? 0 : stalls.cpuNanos();
        return a < 0 || b < 0 ? -1 : a + b;
    }

    public void stop() {
        scheduler.stop();
        if (stalls != null) {
            MappingRegistry.onMap(null);
            stalls.stop();
        }
        if (exact != null) {
            exact.close();
        }
    }
}
