package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.RecordingAnalysis;

import java.util.List;

/**
 * One diagnostic: stateless, evaluated on a finished analysis. Says "not applicable" when the
 * events it needs are not in the recording rather than guessing.
 */
public interface Rule {
    /** Stable id, such as {@code page-fault-stalls}: used in JSON, in --threshold and in the docs. */
    String id();

    /** Short title. */
    String name();

    /** Why what this rule looks for matters. */
    String why();

    /** What to do when it fires. */
    String action();

    /** The rule's thresholds; none by default. */
    default List<Threshold<?>> thresholds() {
        return List.of();
    }

    Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds);
}
