package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.RecordingAnalysis;

import java.util.List;

/** Every rule, in the order findings are shown. */
public final class Rules {
    public static final List<Rule> ALL = List.of(
            new PageFaultStallsRule(),
            new ColdMappedReadsRule(),
            new PageCachePressureRule(),
            new ForceLatencyRule(),
            new GcOnlyUnmapsRule(),
            new DeletedFileMappedRule(),
            new TruncatedFileRule(),
            new MapCountRule(),
            new MapFailuresRule(),
            new DoubleCachedRule(),
            new MapExtendsFileRule());

    private Rules() {
    }

    public static List<Finding> evaluate(RecordingAnalysis analysis, Thresholds thresholds) {
        return ALL.stream().map(rule -> evaluate(rule, analysis, thresholds)).toList();
    }

    /** Not applicable, saying what is missing, when the recording lacks what {@code rule} requires; else its finding. */
    public static Finding evaluate(Rule rule, RecordingAnalysis analysis, Thresholds thresholds) {
        for (Requirement requirement : rule.requires()) {
            if (!requirement.met().test(analysis)) {
                return Finding.notApplicable(rule, requirement.missing());
            }
        }
        return rule.evaluate(analysis, thresholds);
    }
}
