package io.mapwatch.cli.findings;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A typed limit of a rule with its default, settable as {@code --threshold RULE.KEY=VALUE}.
 *
 * @param key     name within the rule, such as {@code warning-max}
 * @param fallback the default
 * @param meaning one phrase for the docs and --help
 */
public record Threshold<T>(String key, T fallback, String meaning, Function<String, T> parser, Function<T, String> printer) {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m|h)");

    /** A duration such as {@code 100ms}, {@code 2s}, {@code 1m}. */
    public static Threshold<Duration> duration(String key, Duration fallback, String meaning) {
        return new Threshold<>(key, fallback, meaning, Threshold::parseDuration, Threshold::printDuration);
    }

    /** A share such as {@code 5%} or {@code 0.05}. */
    public static Threshold<Double> share(String key, double fallback, String meaning) {
        return new Threshold<>(key, fallback, meaning, Threshold::parseShare,
                v -> String.format(Locale.ROOT, "%s%%", trim(v * 100)));
    }

    /** A whole number. */
    public static Threshold<Long> count(String key, long fallback, String meaning) {
        return new Threshold<>(key, fallback, meaning, Long::parseLong, String::valueOf);
    }

    /** A size such as {@code 1MiB}, {@code 64k} or {@code 4096}. */
    public static Threshold<Long> bytes(String key, long fallback, String meaning) {
        return new Threshold<>(key, fallback, meaning, Threshold::parseBytes, Threshold::printBytes);
    }

    public String print(T value) {
        return printer.apply(value);
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 100ms, 2s or 1m");
        }
        double value = Double.parseDouble(m.group(1));
        long nanosPerUnit = switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        return Duration.ofNanos(Math.round(value * nanosPerUnit));
    }

    private static String printDuration(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 60_000_000_000L == 0 && nanos >= 60_000_000_000L) {
            return nanos / 60_000_000_000L + "m";
        }
        if (nanos % 1_000_000_000L == 0 && nanos > 0) {
            return nanos / 1_000_000_000L + "s";
        }
        return trim(nanos / 1e6) + "ms";
    }

    static double parseShare(String text) {
        String t = text.trim();
        double value = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException("expected a share between 0% and 100%");
        }
        return value;
    }

    static long parseBytes(String text) {
        Matcher m = Pattern.compile("(\\d+)\\s*(|b|k|kib|m|mib|g|gib)").matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 4096, 64KiB or 1GiB");
        }
        int shift = switch (m.group(2)) {
            case "k", "kib" -> 10;
            case "m", "mib" -> 20;
            case "g", "gib" -> 30;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static String printBytes(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (30 - 10 * i);
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + units[i];
            }
        }
        return Long.toString(bytes);
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
