package io.mapwatch.kernel.units;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes, written as JFR reads {@code maxsize=} (a number, optionally followed by
 * {@code k}, {@code m} or {@code g}, with or without {@code b}, each a power of 1024) and as
 * mapwatch prints them ({@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}). Also taken: {@code t},
 * {@code b} for bytes, decimals ({@code 1.5g}), a blank before the unit, any case.
 */
public final class DataSizes {
    /** Units in order of their power of 1024, each with the spellings it is read in. */
    private static final String[][] SPELLINGS = {
            {"", "b"}, {"k", "kb", "kib"}, {"m", "mb", "mib"}, {"g", "gb", "gib"}, {"t", "tb", "tib"}};
    private static final String[] PRINTED = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    private static final Pattern FORM = Pattern.compile("(-?)(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-z]*)");

    private DataSizes() {
    }

    /**
     * The number of bytes {@code text} writes, zero or more.
     *
     * @throws IllegalArgumentException with a sentence for the user
     */
    public static long parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        int power = m.matches() ? powerOf(m.group(3)) : -1;
        if (power < 0) {
            throw new IllegalArgumentException("expected a size such as 4096, 64k, 250MiB or 1.5g (units: b, k, m, g, t;"
                    + " kb, kib and so on alike, each a power of 1024)");
        }
        BigDecimal amount = new BigDecimal(m.group(2));
        if (!m.group(1).isEmpty() && amount.signum() != 0) {
            throw new IllegalArgumentException("a size cannot be negative");
        }
        BigDecimal bytes = amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(10 * power))).setScale(0, RoundingMode.HALF_UP);
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("the size is too large (at most 8191PiB)");
        }
        return bytes.longValueExact();
    }

    private static int powerOf(String unit) {
        for (int power = 0; power < SPELLINGS.length; power++) {
            for (String spelling : SPELLINGS[power]) {
                if (spelling.equals(unit)) {
                    return power;
                }
            }
        }
        return -1;
    }

    /** The size in the largest binary unit that holds it exactly, as {@link #parse} reads it: {@code 64MiB}, {@code 1000}. */
    public static String format(long bytes) {
        for (int power = PRINTED.length - 1; power > 0; power--) {
            long unit = 1L << (10 * power);
            if (bytes >= unit && bytes % unit == 0) {
                return bytes / unit + PRINTED[power];
            }
        }
        return Long.toString(bytes);
    }

    /**
     * A measured size for people, to about three digits: {@code 512 B}, {@code 1.50 KiB},
     * {@code 12.3 MiB}, {@code 256 GiB}. Zero or more.
     */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int power = 0;
        while (value >= 1024 && power < PRINTED.length - 1) {
            value /= 1024;
            power++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : value < 100 ? "%.1f %s" : "%.0f %s", value, PRINTED[power]);
    }
}
