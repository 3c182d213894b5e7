package io.mapwatch.cli.render;

import io.mapwatch.kernel.units.DataSizes;
import io.mapwatch.kernel.units.Durations;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Numbers as people read them: sizes and durations in the kernel's grammar ({@link DataSizes},
 * {@link Durations}), percentages, counts, times; "-" for not measured.
 */
public final class Units {
    private Units() {
    }

    public static String bytes(long bytes) {
        return bytes < 0 ? "-" : DataSizes.human(bytes);
    }

    public static String nanos(long nanos) {
        return nanos < 0 ? "-" : Durations.human(nanos);
    }

    /** A round duration as the grammar writes it, with a blank: 10 ms, 1 s, 10 m, 1 h. */
    public static String duration(Duration d) {
        return Durations.format(d, " ");
    }

    /** Whole milliseconds: without decimals below a second. */
    public static String millis(long millis) {
        return millis < 0 ? "-" : millis < 1000 ? millis + " ms" : nanos(millis * 1_000_000);
    }

    /** A share between 0 and 1 as a percentage. */
    public static String share(double share) {
        if (share < 0) {
            return "-";
        }
        return String.format(Locale.ROOT, share >= 0.1 ? "%.0f%%" : "%.1f%%", share * 100);
    }

    public static String count(long count) {
        return count < 0 ? "-" : Long.toString(count);
    }

    public static String time(Instant time) {
        return time == null ? "-" : time.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
