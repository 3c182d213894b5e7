package io.mapwatch.cli.findings;

import io.mapwatch.cli.rulebook.Limit;
import io.mapwatch.kernel.units.DataSizes;
import io.mapwatch.kernel.units.Durations;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;

/**
 * A typed limit of a rule with its default, settable as {@code --threshold RULE.KEY=VALUE}.
 *
 * @param limit the threshold's key, default and meaning, as the JMC rules see them too
 */
public record Threshold<T>(Limit<T> limit, Function<String, T> parser, Function<T, String> printer) {
    /** A duration such as {@code 100ms}, {@code 2s}, {@code 1m}. */
    public static Threshold<Duration> duration(Limit<Duration> limit) {
        return new Threshold<>(limit, Durations::parse, Durations::format);
    }

    /** A share such as {@code 5%} or {@code 0.05}. */
    public static Threshold<Double> share(Limit<Double> limit) {
        return new Threshold<>(limit, Threshold::parseShare,
                v -> String.format(Locale.ROOT, "%s%%", trim(v * 100)));
    }

    /** A whole number. */
    public static Threshold<Long> count(Limit<Long> limit) {
        return new Threshold<>(limit, Long::parseLong, String::valueOf);
    }

    /** A size such as {@code 1MiB}, {@code 64k} or {@code 4096}. */
    public static Threshold<Long> bytes(Limit<Long> limit) {
        return new Threshold<>(limit, DataSizes::parse, DataSizes::format);
    }

    /** Name within the rule, such as {@code warning-max}. */
    public String key() {
        return limit.key();
    }

    public T fallback() {
        return limit.fallback();
    }

    /** One phrase for the docs and --help. */
    public String meaning() {
        return limit.meaning();
    }

    public String print(T value) {
        return printer.apply(value);
    }

    static double parseShare(String text) {
        String t = text.trim();
        double value = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException("expected a share between 0% and 100%");
        }
        return value;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
