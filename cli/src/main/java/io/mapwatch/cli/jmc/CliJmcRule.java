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
import org.openjdk.jmc.flightrecorder.rules.Severity;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CLI rule run by JMC as it is: JMC's items become the CLI's analysis ({@link JmcFacts}), the
 * CLI's rule judges it with the CLI's thresholds, and its finding becomes JMC's result. Thresholds
 * are preferences in {@code --threshold}'s syntax (such as {@code 100ms} or {@code 5%}), parsed
 * by the CLI.
 */
abstract class CliJmcRule extends MapwatchRule {
    private final Rule rule;
    private final Map<TypedPreference<String>, Threshold<?>> thresholds = new LinkedHashMap<>();

    CliJmcRule(Rule rule) {
        super(rule.text());
        this.rule = rule;
        for (Threshold<?> threshold : rule.thresholds()) {
            thresholds.put(new TypedPreference<>(getId() + "." + threshold.key(), threshold.key(),
                    threshold.meaning(), UnitLookup.PLAIN_TEXT.getPersister(), fallback(threshold)), threshold);
        }
    }

    private static <T> String fallback(Threshold<T> threshold) {
        return threshold.print(threshold.fallback());
    }

    @Override
    public Collection<TypedPreference<?>> getConfigurationAttributes() {
        return List.copyOf(thresholds.keySet());
    }

    @Override
    IResult evaluate(IItemCollection items, IPreferenceValueProvider preferences) {
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
}
