package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.RecordingAnalysis;

import java.util.List;

/**
 * One diagnostic: stateless, evaluated on a finished analysis. It declares what it needs
 * ({@link #requires()}); {@link Rules} evaluates it only when the recording has all of that, and
 * otherwise finds it not applicable, so a rule never guesses.
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

    /** What the recording must hold for this rule to judge it, the most basic first: by default, mapwatch events. */
    default List<Requirement> requires() {
        return List.of(Requirement.MAPWATCH_EVENTS);
    }

    /** The rule's thresholds; none by default. */
    default List<Threshold<?>> thresholds() {
        return List.of();
    }

    /** Judges {@code analysis}, which meets every requirement. */
    Finding evaluate(RecordingAnalysis analysis, Thresholds thresholds);
}
