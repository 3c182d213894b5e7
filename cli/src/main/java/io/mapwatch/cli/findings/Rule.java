package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.rulebook.RuleText;

import java.util.List;

/**
 * One diagnostic: stateless, evaluated on a finished analysis. It declares what it needs
 * ({@link #requires()}); {@link Rules} evaluates it only when the recording has all of that, and
 * otherwise finds it not applicable, so a rule never guesses.
 */
public interface Rule {
    /** The rule's id, title and advice, shared with its JMC rule. */
    RuleText text();

    /** Stable id, such as {@code page-fault-stalls}: used in JSON, in --threshold and in the docs. */
    default String id() {
        return text().id();
    }

    /** Short title. */
    default String name() {
        return text().title();
    }

    /** Why what this rule looks for matters. */
    default String why() {
        return text().why();
    }

    /** What to do when it fires. */
    default String action() {
        return text().action();
    }

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
