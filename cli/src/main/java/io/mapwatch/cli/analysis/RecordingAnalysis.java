package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.ChunkScan;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.read.Progress;
import io.mapwatch.cli.read.RecordingInfo;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.cli.read.TimeWindow;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everything the commands report about one recording, or about the consecutive recordings of
 * one JVM read as one: a single pass feeds every aggregator. When the facts change JVM (a fleet,
 * or recordings of several runs), the mappings of the JVM that ended are closed at its end.
 * JFR's and the agent's own files ({@link OwnFiles}) are left out before any aggregator sees them.
 */
public final class RecordingAnalysis implements Consumer<Fact> {
    /** Buckets of the figures over time. */
    public static final int TIME_BUCKETS = 300;
    /** Frames kept of a stack. */
    public static final int STACK_DEPTH = 6;
    /** The {@code mapwatch.SourceStatus} source of the page-fault stall sampler. */
    public static final String STALL_SOURCE = "stalls";
    /** The {@code mapwatch.SourceStatus} source of exact major faults ({@code mapwatch.FaultRange}). */
    public static final String EXACT_SOURCE = "exact";

    private final TimeAxis axis;
    private final LiveMappings live = new LiveMappings();
    private final StackFrames frames = new StackFrames(STACK_DEPTH);
    private final FileLifecycle lifecycle;
    private final Residency residency;
    private final WorkingSets workingSets = new WorkingSets();
    private final ProcessMappings process;
    private final FaultCounters faults;
    private final Stalls stalls;
    private final FaultRanges faultRanges = new FaultRanges();
    private final PressurePeaks pressure = new PressurePeaks();
    private final HazardsByFile hazards = new HazardsByFile();
    private final UntrackedFiles untracked = new UntrackedFiles();
    private final MapFailures mapFailures = new MapFailures(frames);
    private final FileReads fileReads = new FileReads();
    private final MappedAccesses accesses = new MappedAccesses();
    private final UnsafeAccessErrors unsafeAccessErrors = new UnsafeAccessErrors(frames);
    private final AgentInfo agent = new AgentInfo();
    private final ThreadNames threadNames = new ThreadNames();
    private final AllocationSites sites;
    private final Lifetimes lifetimes;
    /** Every aggregator; the live mappings first, so that the others have heard what was still live as a process ends. */
    private final List<Aggregator> aggregators;
    /** By the class of the fact: compared by identity, as a Class is (a HashMap would call equals on every collision). */
    private final Map<Class<?>, Route> routes = new IdentityHashMap<>();
    /** The part of the recordings looked at; null for all of them. */
    private TimeWindow window;
    private boolean windowOpen;
    /** How far the pass has got, in epoch nanoseconds, for {@link Progress}: written every few thousand facts. */
    private volatile long progressNanos;
    private long factsSeen;
    private List<RecordingInfo> recordings = List.of();
    private Fact.JvmIdentity jvm;
    /** Start of the last fact an aggregator saw, in epoch nanoseconds; -1 before the first. */
    private long lastNanos = -1;
    private MappedFiles mappedFiles;

    private RecordingAnalysis(TimeAxis axis) {
        this.axis = axis;
        lifecycle = new FileLifecycle(axis);
        residency = new Residency(axis);
        process = new ProcessMappings(axis);
        faults = new FaultCounters(axis);
        stalls = new Stalls(STACK_DEPTH, axis);
        sites = new AllocationSites(frames);
        lifetimes = new Lifetimes(frames);
        List.of(lifecycle, sites, lifetimes).forEach(live::listen);
        aggregators = List.of(live, lifecycle, residency, workingSets, process, faults, stalls, faultRanges, pressure, hazards,
                untracked, mapFailures, fileReads, accesses, unsafeAccessErrors, agent, lifetimes, threadNames);
    }

    /** Reads {@code scans} (already checked) in one pass, in the order of their start. */
    public static RecordingAnalysis of(List<ChunkScan> scans, PrintWriter warnings) {
        return of(scans, null, warnings);
    }

    /**
     * Reads {@code scans} (already checked) in one pass, in the order of their start, looking at
     * {@code window} only (null: all). Before the window, only the mappings and the agent's state are
     * followed, so that what was live when it opened counts from its first moment.
     */
    public static RecordingAnalysis of(List<ChunkScan> scans, TimeWindow window, PrintWriter warnings) {
        Instant start = scans.stream().map(ChunkScan::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = scans.stream().map(ChunkScan::end).max(Comparator.naturalOrder()).orElseThrow();
        if (window != null && window.covers(start, end)) {
            window = null;
        }
        RecordingAnalysis analysis = new RecordingAnalysis(window == null ? new TimeAxis(start, end, TIME_BUCKETS)
                : new TimeAxis(window.from(), window.to(), TIME_BUCKETS));
        analysis.window = window;
        if (window != null) {
            analysis.live.awaitWindow();
        }
        try (Progress progress = Progress.of(describe(scans), analysis::share, warnings)) {
            analysis.recordings = RecordingReader.read(scans, window, analysis, warnings);
        }
        analysis.openWindow();
        analysis.finish(window == null ? end : window.to());
        return analysis;
    }

    /**
     * The analysis of {@code facts} of {@code recording}, read elsewhere (by JMC's parser, for the JMC
     * rules) and in the order a pass hands them over (by end time).
     */
    public static RecordingAnalysis of(RecordingInfo recording, List<? extends Fact> facts) {
        RecordingAnalysis analysis = new RecordingAnalysis(new TimeAxis(recording.start(), recording.end(), TIME_BUCKETS));
        analysis.recordings = List.of(recording);
        facts.forEach(analysis);
        analysis.finish(recording.end());
        return analysis;
    }

    private static String describe(List<ChunkScan> scans) {
        return scans.size() == 1 ? scans.get(0).file().toString() : scans.size() + " recordings";
    }

    /** The share of the time looked at that the pass has got through, 0 to 1; read from another thread. */
    private double share() {
        return (double) (progressNanos - axis.startNanos()) / Math.max(1, TimeAxis.epochNanos(axis.end()) - axis.startNanos());
    }

    /** Whether {@code fact} is left out: before the window only mappings and the agent's state count, after it nothing. */
    private boolean outsideWindow(Fact fact) {
        if (window == null) {
            return false;
        }
        if (fact.time().isBefore(window.from())) {
            return !(fact instanceof Fact.Map || fact instanceof Fact.LiveMapping || fact instanceof Fact.Unmap
                    || fact instanceof Fact.UntrackedMapping || fact instanceof Fact.AgentStatus
                    || fact instanceof Fact.SourceStatus || fact instanceof Fact.JvmIdentity);
        }
        openWindow();
        return fact.time().isAfter(window.to());
    }

    private void openWindow() {
        if (window != null && !windowOpen) {
            windowOpen = true;
            live.openWindow(window.from());
        }
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
        if ((++factsSeen & 0xFFF) == 0) {
            progressNanos = fact.endNanos();
        }
        if (fact instanceof Fact.AboutFile about && OwnFiles.isOwn(about.path()) || outsideWindow(fact)) {
            return;
        }
        Route route = routes.get(fact.getClass());
        if (route == null) { // not computeIfAbsent: its lambda would capture this, an allocation per fact
            Class<?> kind = fact.getClass();
            route = new Route(aggregators.stream().filter(a -> a.kinds().contains(kind)).toArray(Aggregator[]::new));
            routes.put(kind, route);
        }
        route.facts++;
        if (fact instanceof Fact.JvmIdentity identity) {
            if (jvm != null && (jvm.pid() != identity.pid() || !jvm.jvmStartTime().equals(identity.jvmStartTime()))) {
                Instant endedAt = lastNanos < 0 ? identity.time() : Instant.ofEpochSecond(0, lastNanos);
                aggregators.forEach(a -> a.processEnded(endedAt));
            }
            jvm = identity;
            return;
        }
        lastNanos = fact.startNanos();
        for (Aggregator aggregator : route.aggregators) {
            aggregator.accept(fact);
        }
    }

    private void finish(Instant end) {
        aggregators.forEach(a -> a.finish(end));
        mappedFiles = MappedFiles.join(lifecycle, residency, workingSets, stalls, exactFaultsRan() ? faultRanges : null, accesses,
                fileReads, stallSamplerRan(), faults.majorFaults());
    }

    /** How many facts of this kind the recordings hold (the tool's own files left out). */
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

    /** Every mapped file with everything known about it, the largest peak mapped first. */
    public List<MappedFile> files() {
        return mappedFiles.files();
    }

    /** The directories of {@link #files()}, each with its files' figures together. */
    public List<MappedFile> directories() {
        return mappedFiles.directories();
    }

    /** Maps, unmaps and mapped bytes of all files together. */
    public FileLifecycle lifecycle() {
        return lifecycle;
    }

    public Residency residency() {
        return residency;
    }

    /** The most of the tracked mappings touched in one working-set window, together; not measured without windows. */
    public MappedFile.WorkingSet workingSet() {
        return workingSets.process();
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

    public PressurePeaks pressure() {
        return pressure;
    }

    public HazardsByFile hazards() {
        return hazards;
    }

    public UntrackedFiles untracked() {
        return untracked;
    }

    public MapFailures mapFailures() {
        return mapFailures;
    }

    public UnsafeAccessErrors unsafeAccessErrors() {
        return unsafeAccessErrors;
    }

    /** The whole names of threads the agent's events name as the kernel does. */
    public ThreadNames threadNames() {
        return threadNames;
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

    /**
     * Whether the stall sampler ran: the agent said its source worked ({@code mapwatch.SourceStatus}),
     * or stalls were recorded. The one place that decides whether stall figures were measured.
     */
    public boolean stallSamplerRan() {
        return stalls.any() || agent.sourceWorked(STALL_SOURCE);
    }

    /** Every stall of the recording; unknown when the stall sampler did not run. */
    public StallFigures stallTotal() {
        return stallSamplerRan() ? stalls.total() : StallFigures.UNKNOWN;
    }

    /** The stalls joined with an execution sample of their thread; unknown when the stall sampler did not run. */
    public StallFigures stallsWithStack() {
        return stallSamplerRan() ? stalls.withStack() : StallFigures.UNKNOWN;
    }

    /**
     * Whether exact major faults were recorded: the agent said the source worked ({@code mapwatch.SourceStatus}),
     * or the recording holds fault ranges. The one place that decides whether the faults of each file were measured.
     */
    public boolean exactFaultsRan() {
        return faultRanges.any() || agent.sourceWorked(EXACT_SOURCE);
    }

    /** How stalls are tied to files: by exact faults where they were recorded, else by timed accesses. */
    public Stalls.Tie stallTie() {
        return exactFaultsRan() ? Stalls.Tie.EXACT_FAULTS : Stalls.Tie.TIMED_ACCESS;
    }

    /**
     * The stalls tied to a file: with exact faults, the stall time the agent saw on faults at a file's
     * addresses and those faults, with the stalls joined to them; else the stalls a timed access
     * tied to a file. Unknown when the stall sampler did not run.
     */
    public StallFigures stallsWithFile() {
        if (!stallSamplerRan()) {
            return StallFigures.UNKNOWN;
        }
        if (!exactFaultsRan()) {
            return stalls.withFile(Stalls.Tie.TIMED_ACCESS);
        }
        return faultRanges.files().stream().map(f -> new StallFigures(0, f.majorFaults(), f.stallNanos()))
                .reduce(new StallFigures(stalls.withFile(Stalls.Tie.EXACT_FAULTS).stalls(), 0, 0), StallFigures::plus);
    }

    /** Exact major faults on memory that is not a file (and the stall time on them); unknown when not recorded. */
    public StallFigures notAFile() {
        if (!exactFaultsRan()) {
            return StallFigures.UNKNOWN;
        }
        FaultRanges.OffsetRange faults = faultRanges.notAFile();
        return new StallFigures(-1, faults.majorFaults(), stallSamplerRan() ? faults.stallNanos() : -1);
    }

    /** The exact major faults on {@code path} and the stall time on them; unknown when exact faults were not recorded. */
    public StallFigures exactFaultsOn(String path) {
        if (!exactFaultsRan()) {
            return StallFigures.UNKNOWN;
        }
        FaultRanges.FileTotal file = faultRanges.file(path);
        return new StallFigures(-1, file.majorFaults(), stallSamplerRan() ? file.stallNanos() : -1);
    }

    public FaultRanges faultRanges() {
        return faultRanges;
    }

    /**
     * Every file page-fault stalls or exact major faults were tied to, the longest stalled first,
     * then the most major faults: with exact faults, every file they name (tracked or not); else
     * the files timed accesses tied stalls to.
     */
    public List<FaultedFile> faultedFiles() {
        Stalls.Tie tie = stallTie();
        List<FaultedFile> files = new ArrayList<>();
        if (tie == Stalls.Tie.EXACT_FAULTS) {
            Map<String, FaultRanges.FileTotal> byPath = new LinkedHashMap<>();
            faultRanges.files().forEach(f -> byPath.put(f.path(), f));
            stalls.files(tie).forEach(f -> byPath.putIfAbsent(f.path(), faultRanges.file(f.path())));
            byPath.values().forEach(f -> {
                StallFigures joined = stalls.tiedTo(f.path(), tie);
                StallFigures figures = new StallFigures(joined == null ? 0 : joined.stalls(), f.majorFaults(),
                        stallSamplerRan() ? f.stallNanos() : -1);
                files.add(new FaultedFile(f.path(), f.tracked(), figures, tie));
            });
        } else {
            stalls.files(tie).forEach(f -> files.add(new FaultedFile(f.path(), true, f.stalls(), tie)));
        }
        files.sort(Comparator.comparingLong((FaultedFile f) -> f.stalls().nanos())
                .thenComparingLong(f -> f.stalls().majorFaults()).reversed());
        return files;
    }

    /** Every thread that stalled or faulted, the longest stalled first, then the most major faults. */
    public List<FaultingThread> threads() {
        Map<Long, FaultingThread> threads = new LinkedHashMap<>();
        for (Stalls.ThreadStalls t : stalls.threads()) {
            FaultCounters.ThreadFaults counted = faults.thread(t.osThreadId());
            threads.put(t.osThreadId(), new FaultingThread(threadNames.whole(t.osThreadId(), t.name()), t.osThreadId(), t.stalls(),
                    counted == null ? -1 : counted.majorFaults, counted == null ? -1 : counted.minorFaults));
        }
        StallFigures none = stallSamplerRan() ? StallFigures.NONE : StallFigures.UNKNOWN;
        for (FaultCounters.ThreadFaults f : faults.threads()) {
            threads.putIfAbsent(f.osThreadId, new FaultingThread(threadNames.whole(f.osThreadId, f.name), f.osThreadId, none,
                    f.majorFaults, f.minorFaults));
        }
        return threads.values().stream().sorted(Comparator.comparingLong((FaultingThread t) -> t.stalls().nanos())
                .thenComparingLong(FaultingThread::majorFaults).reversed()).toList();
    }
}
