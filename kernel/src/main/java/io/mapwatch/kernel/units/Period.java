package io.mapwatch.kernel.units;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * How often something runs, as options write it: a {@link Durations duration} above zero such as
 * {@code 500ms}, {@code 1s}, {@code 2m}, or {@code off}.
 */
public final class Period {
    public static final Period OFF = new Period(null);

    private final Duration duration;

    private Period(Duration duration) {
        this.duration = duration;
    }

    public static Period of(Duration duration) {
        return new Period(Objects.requireNonNull(duration));
    }

    /** @throws IllegalArgumentException with a sentence fit for the user */
    public static Period parse(String text) {
        String value = text.trim();
        if (value.toLowerCase(Locale.ROOT).equals("off")) {
            return OFF;
        }
        Duration duration = Durations.parse(value, "expected a period such as 500ms, 1s, 2m or off");
        if (duration.isZero()) {
            throw new IllegalArgumentException("a period must be longer than zero (use off to disable)");
        }
        return new Period(duration);
    }

    public boolean isOff() {
        return duration == null;
    }

    /** The duration; null when off. */
    public Duration duration() {
        return duration;
    }

    public long toNanos() {
        return duration == null ? 0 : duration.toNanos();
    }

    /** As {@link #parse} reads it: {@code off}, {@code 500ms}, {@code 90s}, {@code 2m}. */
    @Override
    public String toString() {
        return duration == null ? "off" : Durations.format(duration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Period && Objects.equals(((Period) o).duration, duration);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(duration);
    }
}
