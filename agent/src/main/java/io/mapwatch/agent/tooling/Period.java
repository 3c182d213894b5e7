package io.mapwatch.agent.tooling;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A sampling period as options write it: {@code 500ms}, {@code 1s}, {@code 2m}, {@code 1h} or {@code off}. */
public final class Period {
    public static final Period OFF = new Period(null);
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final Duration duration;

    private Period(Duration duration) {
        this.duration = duration;
    }

    public static Period of(Duration duration) {
        return new Period(duration);
    }

    /** @throws IllegalArgumentException with a sentence fit for the user */
    public static Period parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return OFF;
        }
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a period like 500ms, 1s, 2m or off");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException tooLong) {
            throw new IllegalArgumentException("the period is too long");
        }
        if (amount == 0) {
            throw new IllegalArgumentException("a period must be longer than zero (use off to disable)");
        }
        try {
            Duration d;
            switch (m.group(2)) {
                case "ms": d = Duration.ofMillis(amount); break;
                case "s": d = Duration.ofSeconds(amount); break;
                case "m": d = Duration.ofMinutes(amount); break;
                default: d = Duration.ofHours(amount); break;
            }
            d.toNanos(); // must fit the samplers' nanosecond clock
            return new Period(d);
        } catch (ArithmeticException tooLong) {
            throw new IllegalArgumentException("the period is too long");
        }
    }

    public boolean isOff() {
        return duration == null;
    }

    public Duration duration() {
        return duration;
    }

    public long toNanos() {
        return duration == null ? 0 : duration.toNanos();
    }

    @Override
    public String toString() {
        if (duration == null) {
            return "off";
        }
        long ms = duration.toMillis();
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period && java.util.Objects.equals(((Period) o).duration, duration);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(duration);
    }
}
