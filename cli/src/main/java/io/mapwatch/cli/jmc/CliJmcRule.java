package io.mapwatch.cli.jmc;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Rule;
import io.mapwatch.cli.findings.Rules;
import io.mapwatch.cli.findings.Threshold;
import io.mapwatch.cli.findings.Thresholds;
import org.openjdk.jmc.common.item.IItemCollection;
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

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;

/**
 * One of the CLI's rules as a rule of JDK Mission Control's Automated Analysis, run as it is: JMC's
 * items become the CLI's analysis ({@link JmcFacts}), the CLI's rule judges it with the CLI's
 * thresholds, and its finding becomes JMC's result, with the rule's id, title, reasons and advice.
 * So JMC and {@code mapwatch summary} name and judge a finding alike, in the same words. Thresholds
 * are preferences in {@code --threshold}'s syntax (such as {@code 100ms} or {@code 5%}), parsed by
 * the CLI. JMC's framework finds a rule not applicable when the recording has no mapwatch events.
 */
abstract class CliJmcRule implements IRule {
    /** Any recording made with the agent has its status event. */
    private static final Map<String, EventAvailability> MAPWATCH_EVENTS = RequiredEventsBuilder.create()
            .addEventType(JmcEvents.AGENT_STATUS, EventAvailability.AVAILABLE).build();

    private final Rule rule;
    private final Map<TypedPreference<String>, Threshold<?>> thresholds = new LinkedHashMap<>();

    CliJmcRule(Rule rule) {
        this.rule = rule;
        for (Threshold<?> threshold : rule.thresholds()) {
            thresholds.put(new TypedPreference<>(getId() + "." + threshold.key(), threshold.key(),
                    threshold.meaning(), UnitLookup.PLAIN_TEXT.getPersister(), fallback(threshold)), threshold);
        }
    }

    private static <T> String fallback(Threshold<T> threshold) {
        return threshold.print(threshold.fallback());
    }

    /** JMC's id: the CLI's, under mapwatch's name, so that it cannot clash with JMC's own rules. */
    @Override
    public String getId() {
        return "mapwatch." + rule.id();
    }

    @Override
    public String getName() {
        return "mapwatch: " + rule.name();
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
        return List.copyOf(thresholds.keySet());
    }

    @Override
    public Collection<TypedResult<?>> getResults() {
        return List.of(TypedResult.SCORE);
    }

    @Override
    public RunnableFuture<IResult> createEvaluation(IItemCollection items, IPreferenceValueProvider preferences,
            IResultValueProvider dependencyResults) {
        IPreferenceValueProvider values = preferences == null ? IPreferenceValueProvider.DEFAULT_VALUES : preferences;
        return new FutureTask<>(() -> evaluate(items, values));
    }

    private IResult evaluate(IItemCollection items, IPreferenceValueProvider preferences) {
        Map<String, String> values = new HashMap<>();
        thresholds.forEach((preference, threshold) -> {
            String value = preferences.getPreferenceValue(preference);
            if (value != null && !value.isBlank()) {
                values.put(rule.id() + "." + threshold.key(), value.trim());
            }
        });
        Finding finding;
        try {
            Thresholds limits = Thresholds.of(values);
            RecordingAnalysis analysis = JmcFacts.analysis(items);
            // JMC evaluates rules on several threads; the analysis was written for one, so they take turns.
            synchronized (analysis) {
                finding = Rules.evaluate(rule, analysis, limits);
            }
        } catch (CliException badThreshold) {
            return notApplicable(preferences, badThreshold.getMessage());
        }
        switch (finding.severity()) {
            case WARNING:
                return result(preferences, Severity.WARNING, finding.seen());
            case INFO:
                return result(preferences, Severity.INFO, finding.seen());
            case OK:
                return result(preferences, Severity.OK, finding.seen());
            default:
                return notApplicable(preferences, finding.seen());
        }
    }

    /** A result of {@code severity} saying {@code seen}, with the rule's reasons and advice unless it is OK. */
    private IResult result(IPreferenceValueProvider preferences, Severity severity, String seen) {
        ResultBuilder result = ResultBuilder.createFor(this, preferences).setSeverity(severity)
                .setSummary(html(seen))
                .addResult(TypedResult.SCORE, UnitLookup.NUMBER_UNITY.quantity(score(severity)));
        if (severity == Severity.INFO || severity == Severity.WARNING) {
            result.setExplanation(html(rule.why())).setSolution(html(rule.action()));
        }
        return result.build();
    }

    /** Not applicable, saying what the recording lacks. */
    private IResult notApplicable(IPreferenceValueProvider preferences, String missing) {
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
}
