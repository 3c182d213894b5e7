package io.mapwatch.cli.live;

import io.mapwatch.cli.analysis.AgentInfo;
import io.mapwatch.cli.analysis.OwnFiles;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.Fact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The agent's events as they arrive from a live stream, folded into what one interval of
 * {@code top} shows: stalls by thread, exact faults and maps by file, hazards, and the latest memory
 * pressure. The stream's thread hands facts in; {@link #drain()} takes the interval's and starts the
 * next. What the agent said about its sources lasts across intervals.
 */
public final class IntervalEvents implements Consumer<Fact> {
    private final AgentInfo agent = new AgentInfo();
    private Fact.MemoryPressure pressure;
    private Map<String, FileActivity> files = new HashMap<>();
    private Map<Long, ThreadStalls> stalls = new HashMap<>();
    private List<Fact.MappingHazard> hazards = new ArrayList<>();
    private long refaults = -1;
    private boolean faultRanges;

    /** A file's events in one interval; faults and stall time are -1 when not measured (the stall time) or unknown. */
    public static final class FileActivity {
        public long maps;
        public long unmaps;
        public long majorFaults;
        public long stallNanos;
    }

    /** A thread's page-fault stalls that ended in one interval. */
    public record ThreadStalls(String name, long stalls, long nanos) {
        ThreadStalls plus(Fact.PageFaultStall stall) {
            return new ThreadStalls(stall.threadName() != null ? stall.threadName() : name, stalls + 1,
                    nanos + stall.blockedNanos());
        }
    }

    /**
     * What arrived during one interval.
     *
     * @param stallSampler whether the agent's stall sampler is known to run: else stall figures are unknown
     * @param exactFaults  whether exact faults by file run (JDK 22+ where the kernel allows): else a file's are unknown
     * @param pressure     the latest memory pressure sample, null before the first
     * @param refaults     the cgroup's refaults in the samples that arrived, -1 when none did or the cgroup has none
     */
    public record Interval(Map<String, FileActivity> files, Map<Long, ThreadStalls> stalls,
                           List<Fact.MappingHazard> hazards, Fact.MemoryPressure pressure, long refaults,
                           boolean stallSampler, boolean exactFaults) {
        /** The events of a file; a file without any has none, with faults known only where exact faults run. */
        public FileActivity file(String path) {
            FileActivity activity = files.get(path);
            if (activity != null) {
                return activity;
            }
            FileActivity none = new FileActivity();
            none.majorFaults = exactFaults ? 0 : -1;
            none.stallNanos = exactFaults && stallSampler ? 0 : -1;
            return none;
        }
    }

    @Override
    public synchronized void accept(Fact fact) {
        if (fact instanceof Fact.AboutFile about && OwnFiles.isOwn(about.path())) {
            return;
        }
        agent.accept(fact);
        if (fact instanceof Fact.Map map) {
            file(map.path()).maps++;
        } else if (fact instanceof Fact.Unmap unmap) {
            file(unmap.path()).unmaps++;
        } else if (fact instanceof Fact.FaultRange range && range.path() != null) {
            faultRanges = true;
            FileActivity file = file(range.path());
            file.majorFaults += range.majorFaults();
            file.stallNanos = file.stallNanos < 0 || range.stallNanos() < 0 ? -1 : file.stallNanos + range.stallNanos();
        } else if (fact instanceof Fact.PageFaultStall stall) {
            stalls.merge(stall.osThreadId(), new ThreadStalls(stall.threadName(), 1, stall.blockedNanos()),
                    (known, added) -> known.plus(stall));
        } else if (fact instanceof Fact.MemoryPressure sample) {
            pressure = sample;
            if (sample.cgroupRefaults() >= 0) {
                refaults = Math.max(refaults, 0) + sample.cgroupRefaults();
            }
        } else if (fact instanceof Fact.MappingHazard hazard) {
            hazards.add(hazard);
        }
    }

    private FileActivity file(String path) {
        return files.computeIfAbsent(path, p -> new FileActivity());
    }

    /** The interval's events; the next interval starts empty. */
    public synchronized Interval drain() {
        boolean stallSampler = !stalls.isEmpty() || agent.sourceWorked(RecordingAnalysis.STALL_SOURCE);
        boolean exactFaults = faultRanges || agent.sourceWorked(RecordingAnalysis.EXACT_SOURCE);
        for (FileActivity file : files.values()) {
            file.majorFaults = exactFaults ? file.majorFaults : -1;
            file.stallNanos = exactFaults && stallSampler ? file.stallNanos : -1;
        }
        Interval interval = new Interval(files, stalls, hazards, pressure, refaults, stallSampler, exactFaults);
        files = new HashMap<>();
        stalls = new HashMap<>();
        hazards = new ArrayList<>();
        refaults = -1;
        return interval;
    }
}
