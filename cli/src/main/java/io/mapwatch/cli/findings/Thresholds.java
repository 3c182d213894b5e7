package io.mapwatch.cli.findings;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;

import java.util.Map;

/** The thresholds in force: each rule's defaults, with the user's {@code RULE.KEY=VALUE} overrides. */
public final class Thresholds {
    private final Map<String, String> overrides;

    private Thresholds(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    public static Thresholds defaults() {
        return new Thresholds(Map.of());
    }

    /**
     * Checks every override names a known threshold and parses.
     *
     * @throws CliException (exit 2) naming the first bad one
     */
    public static Thresholds of(Map<String, String> overrides) {
        Thresholds thresholds = new Thresholds(overrides);
        for (String name : overrides.keySet()) {
            Rule rule = Rules.ALL.stream().filter(r -> name.startsWith(r.id() + ".")).findFirst()
                    .orElseThrow(() -> usage("unknown threshold " + name + "; see mapwatch findings"));
            Threshold<?> threshold = rule.thresholds().stream()
                    .filter(t -> name.equals(rule.id() + "." + t.key())).findFirst()
                    .orElseThrow(() -> usage("unknown threshold " + name + "; see mapwatch findings"));
            thresholds.get(rule, threshold);
        }
        return thresholds;
    }

    /** The value of {@code threshold} of {@code rule}. */
    public <T> T get(Rule rule, Threshold<T> threshold) {
        String name = rule.id() + "." + threshold.key();
        String text = overrides.get(name);
        if (text == null) {
            return threshold.fallback();
        }
        try {
            return threshold.parser().apply(text);
        } catch (RuntimeException e) {
            throw usage("bad value '" + text + "' for threshold " + name + ": " + e.getMessage());
        }
    }

    private static CliException usage(String sentence) {
        return new CliException(ExitCode.USAGE, sentence);
    }
}
