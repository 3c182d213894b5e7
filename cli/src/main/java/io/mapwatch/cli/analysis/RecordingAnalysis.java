package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.ChunkScan;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.read.RecordingInfo;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.events.MapwatchEvents;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the commands report about one recording, or about the consecutive recordings of
 * one JVM read as one: a single pass feeds every aggregator. When the facts change JVM (a fleet,
 * or recordings of several runs), the mappings of the JVM that ended are closed at its end.
 */
public final class RecordingAnalysis implements Consumer<Fact> {
    /** Buckets of the figures over time. */
    public static final int TIME_BUCKETS = 300;
    /** Frames kept of a stack. */
    public static final int STACK_DEPTH = 6;

    private final TimeAxis axis;
    private final LiveMappings live = new LiveMappings();
    private final StackFrames frames = new StackFrames(STACK_DEPTH);
    private final FileLifecycle files;
    private final Residency residency;
    private final ProcessMappings process;
    private final FaultCounters faults;
    private final Stalls stalls;
    private final Pressure pressure = new Pressure();
    private final Hazards hazards = new Hazards();
    private final Untracked untracked = new Untracked();
    private final MapFailures mapFailures = new MapFailures(frames);
    private final FileReads fileReads = new FileReads();
    private final MappedAccesses accesses = new MappedAccesses();
    private final UnsafeAccessErrors unsafeAccessErrors = new UnsafeAccessErrors(frames);
    private final AgentInfo agent = new AgentInfo();
    private final AllocationSites sites = new AllocationSites(live, frames);
    private final Lifetimes lifetimes = new Lifetimes(live, frames);
    private final List<Aggregator> aggregators;
    private final Map<Class<?>, Route> routes = new HashMap<>();
    private List<RecordingInfo> recordings = List.of();
    private Fact.JvmIdentity jvm;
    private Instant lastTime;

    private RecordingAnalysis(TimeAxis axis) {
        this.axis = axis;
        files = new FileLifecycle(live, axis);
        residency = new Residency(axis);
        process = new ProcessMappings(axis);
        faults = new FaultCounters(axis);
        stalls = new Stalls(frames, axis);
        aggregators = List.of(files, residency, process, faults, stalls, pressure, hazards, untracked, mapFailures,
                fileReads, accesses, unsafeAccessErrors, agent, sites, lifetimes);
    }

    /** Reads {@code scans} (already checked) in one pass, in the order of their start. */
    public static RecordingAnalysis of(List<ChunkScan> scans, PrintWriter warnings) {
        Instant start = scans.stream().map(ChunkScan::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = scans.stream().map(ChunkScan::end).max(Comparator.naturalOrder()).orElseThrow();
        RecordingAnalysis analysis = new RecordingAnalysis(new TimeAxis(start, end, TIME_BUCKETS));
        analysis.recordings = RecordingReader.read(scans, analysis, warnings);
        analysis.finish(end);
        return analysis;
    }

    /** The aggregators that look at one kind of fact, and how many such facts came. */
    private static final class Route {
        final Aggregator[] aggregators;
        long facts;

        Route(Aggregator[] aggregators) {
            this.aggregators = aggregators;
        }
    }

    @Override
    public void accept(Fact fact) {
        Route route = routes.computeIfAbsent(fact.getClass(), kind -> new Route(aggregators.stream()
                .filter(a -> a.kinds().contains(kind)).toArray(Aggregator[]::new)));
        route.facts++;
        if (fact instanceof Fact.JvmIdentity identity) {
            if (jvm != null && (jvm.pid() != identity.pid() || !jvm.jvmStartTime().equals(identity.jvmStartTime()))) {
                Instant endedAt = lastTime == null ? identity.time() : lastTime;
                aggregators.forEach(a -> a.processEnded(endedAt));
                live.clear();
            }
            jvm = identity;
            return;
        }
        lastTime = fact.time();
        for (Aggregator aggregator : route.aggregators) {
            aggregator.accept(fact);
        }
        live.update(fact);
    }

    private void finish(Instant end) {
        aggregators.forEach(a -> a.finish(end));
    }

    /** How many facts of this kind the recordings hold. */
    public long count(Class<? extends Fact> kind) {
        Route route = routes.get(kind);
        return route == null ? 0 : route.facts;
    }

    public List<RecordingInfo> recordings() {
        return recordings;
    }

    public Instant start() {
        return axis.start();
    }

    public Instant end() {
        return axis.end();
    }

    public Duration duration() {
        return Duration.between(axis.start(), axis.end());
    }

    /** Whether the recordings hold any mapwatch event. */
    public boolean hasMapwatchEvents() {
        return recordings.stream().anyMatch(r -> r.mapwatchEvents() > 0);
    }

    public TimeAxis axis() {
        return axis;
    }

    public FileLifecycle files() {
        return files;
    }

    public Residency residency() {
        return residency;
    }

    public ProcessMappings process() {
        return process;
    }

    public FaultCounters faults() {
        return faults;
    }

    public Stalls stalls() {
        return stalls;
    }

    public Pressure pressure() {
        return pressure;
    }

    public Hazards hazards() {
        return hazards;
    }

    public Untracked untracked() {
        return untracked;
    }

    public MapFailures mapFailures() {
        return mapFailures;
    }

    public FileReads fileReads() {
        return fileReads;
    }

    public MappedAccesses accesses() {
        return accesses;
    }

    public UnsafeAccessErrors unsafeAccessErrors() {
        return unsafeAccessErrors;
    }

    public AgentInfo agent() {
        return agent;
    }

    public AllocationSites sites() {
        return sites;
    }

    public Lifetimes lifetimes() {
        return lifetimes;
    }

    /** Largest resident bytes of the tracked mappings: the process figure, or the sum of one residency pass. */
    public long peakResidentBytes() {
        return Math.max(process.peakResidentBytes(), residency.process().peakResidentBytes);
    }

    /** Whether any of the recordings declares the event type {@code name}, whether or not it has events of it. */
    public boolean declares(String name) {
        return recordings.stream().anyMatch(r -> r.eventTypes().contains(name));
    }

    /** Whether the stall sampler ran: stalls were seen, or their type was registered and not switched off. */
    public boolean stallSamplerRan() {
        return stalls.any() || (declares(MapwatchEvents.PAGE_FAULT_STALL) && !agent.sourceOff("stalls"));
    }
}
