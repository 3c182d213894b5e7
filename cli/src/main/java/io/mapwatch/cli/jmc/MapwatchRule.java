package io.mapwatch.cli.jmc;

import io.mapwatch.cli.rulebook.Limit;
import io.mapwatch.cli.rulebook.RuleText;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.unit.LinearKindOfQuantity;
import org.openjdk.jmc.common.unit.UnitLookup;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.common.util.TypedPreference;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultBuilder;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.util.JfrRuleTopics;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.RequiredEventsBuilder;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;

/**
 * One of mapwatch's findings as a rule of JDK Mission Control's Automated Analysis. Its id, title,
 * advice and thresholds come from the {@link RuleText rulebook} the CLI's rules read, so JMC and
 * {@code mapwatch summary} name and judge a finding alike; JMC's framework finds it not applicable
 * when the recording has no mapwatch events.
 */
abstract class MapwatchRule implements IRule {
    /** Any recording made with the agent has its status event. */
    private static final Map<String, EventAvailability> MAPWATCH_EVENTS = RequiredEventsBuilder.create()
            .addEventType(JmcEvents.AGENT_STATUS, EventAvailability.AVAILABLE).build();

    private final RuleText text;

    MapwatchRule(RuleText text) {
        this.text = text;
    }

    /** Judges {@code items}, a recording with mapwatch events, with the thresholds {@code preferences} gives. */
    abstract IResult evaluate(IItemCollection items, IPreferenceValueProvider preferences);

    @Override
    public RunnableFuture<IResult> createEvaluation(IItemCollection items, IPreferenceValueProvider preferences,
            IResultValueProvider dependencyResults) {
        IPreferenceValueProvider values = preferences == null ? IPreferenceValueProvider.DEFAULT_VALUES : preferences;
        return new FutureTask<>(() -> evaluate(items, values));
    }

    /** JMC's id: the CLI's, under mapwatch's name, so that it cannot clash with JMC's own rules. */
    @Override
    public String getId() {
        return "mapwatch." + text.id();
    }

    @Override
    public String getName() {
        return "mapwatch: " + text.title();
    }

    @Override
    public String getTopic() {
        return JfrRuleTopics.FILE_IO;
    }

    @Override
    public Map<String, EventAvailability> getRequiredEvents() {
        return MAPWATCH_EVENTS;
    }

    @Override
    public Collection<TypedPreference<?>> getConfigurationAttributes() {
        return List.of();
    }

    @Override
    public Collection<TypedResult<?>> getResults() {
        return List.of(TypedResult.SCORE);
    }

    /** A result of {@code severity} saying {@code seen}, with the rule's reasons and advice unless it is OK. */
    IResult result(IPreferenceValueProvider preferences, Severity severity, String seen) {
        ResultBuilder result = ResultBuilder.createFor(this, preferences).setSeverity(severity)
                .setSummary(html(seen))
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(score(severity)));
        if (severity == Severity.INFO || severity == Severity.WARNING) {
            result.setExplanation(html(text.why())).setSolution(html(text.action()));
        }
        return result.build();
    }

    /** Not applicable, saying what the recording lacks. */
    IResult notApplicable(IPreferenceValueProvider preferences, String missing) {
        return ResultBuilder.createFor(this, preferences).setSeverity(Severity.NA).setSummary(html(missing)).build();
    }

    /** The score JMC shows for the CLI's severity: the middle of the severity's band. */
    private static double score(Severity severity) {
        switch (severity) {
            case WARNING:
                return 100;
            case INFO:
                return 50;
            default:
                return 0;
        }
    }

    /** JMC shows the texts as HTML. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A share threshold as a JMC preference, such as {@code mapwatch.map-count-limit.warning-share}. */
    TypedPreference<IQuantity> share(Limit<Double> limit) {
        return preference(limit, UnitLookup.PERCENTAGE, UnitLookup.PERCENT_UNITY.quantity(limit.fallback()));
    }

    /** A size threshold as a JMC preference. */
    TypedPreference<IQuantity> bytes(Limit<Long> limit) {
        return preference(limit, UnitLookup.MEMORY, UnitLookup.BYTE.quantity(limit.fallback()));
    }

    /** A duration threshold as a JMC preference. */
    TypedPreference<IQuantity> duration(Limit<Duration> limit) {
        return preference(limit, UnitLookup.TIMESPAN, UnitLookup.NANOSECOND.quantity(limit.fallback().toNanos()));
    }

    private TypedPreference<IQuantity> preference(Limit<?> limit, LinearKindOfQuantity type,
            IQuantity fallback) {
        return new TypedPreference<>(getId() + "." + limit.key(), limit.key(), limit.meaning(), type, fallback);
    }
}
