package io.mapwatch.cli.findings;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.Fact;

import java.util.function.Predicate;

/**
 * Something a rule needs in the recording, as JMC's rules declare the events they need: without
 * it the rule is not applicable, and {@link Rules} says so with {@code missing} instead of
 * evaluating it.
 *
 * @param missing the sentence that says what the recording lacks
 */
public record Requirement(String missing, Predicate<RecordingAnalysis> met) {
    /** Any mapwatch event: the recording was made with the agent. */
    public static final Requirement MAPWATCH_EVENTS = new Requirement("The recording has no mapwatch events.",
            RecordingAnalysis::hasMapwatchEvents);

    /** The page-fault stall sampler ran (it need not have seen a stall). */
    public static final Requirement STALL_SAMPLER = new Requirement("The stall sampler did not run (agent option"
            + " stalls=off, /proc unreadable, or an agent without samplers), so stalls are not known.",
            RecordingAnalysis::stallSamplerRan);

    /** At least one fact of {@code kind}, described as {@code what} (such as "residency samples (mapwatch.MappingResidency)"). */
    public static Requirement events(Class<? extends Fact> kind, String what) {
        return new Requirement("The recording has no " + what + ".", analysis -> analysis.count(kind) > 0);
    }
}
