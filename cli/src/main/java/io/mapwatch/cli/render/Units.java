package io.mapwatch.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** Numbers as people read them: binary sizes, short durations, percentages; "-" for not measured. */
public final class Units {
    private static final String[] SIZE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {
    }

    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value, SIZE_UNITS[unit]);
    }

    public static String nanos(long nanos) {
        if (nanos < 0) {
            return "-";
        }
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /** A round duration as people say it: 10 ms, 1 s, 10 min, 1 h. */
    public static String duration(Duration d) {
        if (d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() + " h";
        }
        if (d.toMinutes() > 0 && d.toSecondsPart() == 0 && d.toNanosPart() == 0) {
            return d.toMinutes() + " min";
        }
        return nanos(d.toNanos()).replace(".0 ", " ").replace(".00 ", " ");
    }

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
