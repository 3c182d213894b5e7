package io.mapwatch.kernel.units;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in JFR's notation, the one mapwatch reads and writes everywhere: a number and one of
 * the units {@code ns us ms s m h d} ({@code 20ms}, {@code 1h}, as in {@code jcmd JFR.start
 * maxage=} or a {@code .jfc} threshold), where mapwatch also takes decimals ({@code 1.5s}), a blank
 * before the unit ({@code 1.5 s}) and any case. A bare {@code 0} is zero, as JFR has it; any other
 * number needs its unit.
 */
public final class Durations {
    private static final String[] UNITS = {"ns", "us", "ms", "s", "m", "h", "d"};
    private static final long[] NANOS = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L,
            3_600_000_000_000L, 86_400_000_000_000L};
    private static final Pattern FORM = Pattern.compile("(-?)(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-z]*)");
    private static final String EXPECTED = "expected a duration such as 500ms, 1.5s, 2m or 1h (units: ns, us, ms, s, m, h, d)";

    private Durations() {
    }

    /**
     * The duration {@code text} writes, zero or longer.
     *
     * @throws IllegalArgumentException with a sentence for the user
     */
    public static Duration parse(String text) {
        return parse(text, EXPECTED);
    }

    /** {@link #parse(String)} saying {@code expected} when the text is not a duration at all. */
    static Duration parse(String text, String expected) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(expected);
        }
        BigDecimal amount = new BigDecimal(m.group(2));
        String unit = m.group(3);
        int index = unit.isEmpty() && amount.signum() == 0 ? 0 : indexOf(unit);
        if (index < 0) {
            throw new IllegalArgumentException(expected);
        }
        if (!m.group(1).isEmpty() && amount.signum() != 0) {
            throw new IllegalArgumentException("a duration cannot be negative");
        }
        BigDecimal nanos = amount.multiply(BigDecimal.valueOf(NANOS[index])).setScale(0, RoundingMode.HALF_UP);
        if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("the duration is too long (at most " + Long.MAX_VALUE / NANOS[6] + "d)");
        }
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static int indexOf(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    /** The duration in the largest unit that holds it exactly, as {@link #parse} reads it: {@code 500ms}, {@code 90s}, {@code 2m}. */
    public static String format(Duration duration) {
        return format(duration, "");
    }

    /**
     * Like {@link #format(Duration)} with {@code separator} between the number and the unit, as in
     * {@code 10 m}, which {@link #parse} reads too.
     *
     * @throws ArithmeticException for a duration too long to count in nanoseconds
     */
    public static String format(Duration duration, String separator) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0" + separator + "s";
        }
        int unit = 0;
        while (unit + 1 < UNITS.length && nanos % NANOS[unit + 1] == 0) {
            unit++;
        }
        return nanos / NANOS[unit] + separator + UNITS[unit];
    }

    /**
     * A measured duration for people, to about three digits in the largest unit up to seconds:
     * {@code 850 ns}, {@code 1.5 us}, {@code 12.3 ms}, {@code 1.50 s}, {@code 95.00 s}. Zero or longer.
     */
    public static String human(long nanos) {
        if (nanos < NANOS[1]) {
            return nanos + " ns";
        }
        if (nanos < NANOS[2]) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < NANOS[3]) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }
}
