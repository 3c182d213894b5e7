package io.mapwatch.kernel.procfs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Scanning of the ASCII structure of /proc text (lines, blank-separated fields, numbers) in a byte array,
 * without regular expressions or allocation. Plain array access keeps the parsers quick before the JIT has
 * compiled them, which matters for a sampler that runs once a second.
 */
final class AsciiScan {
    /** What the number parsers return for bytes that are not a number fitting a long. */
    static final long NOT_A_NUMBER = Long.MIN_VALUE;

    private AsciiScan() {
    }

    /** Receives one line of a text, without its line feed. */
    interface LineHandler {
        void line(byte[] text, int from, int to);
    }

    static void forEachLine(ProcText text, LineHandler handler) {
        byte[] bytes = text.bytes();
        int length = text.length();
        int from = 0;
        while (from < length) {
            int end = lineEnd(bytes, from, length);
            handler.line(bytes, from, end);
            from = end + 1;
        }
    }

    /** The index of the first line feed at or after {@code from}, or {@code to}. */
    static int lineEnd(byte[] text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    static int skipBlanks(byte[] text, int from, int to) {
        int i = from;
        while (i < to && isBlank(text[i])) {
            i++;
        }
        return i;
    }

    /** The end of the field starting at {@code from}: the next blank, or {@code to}. */
    static int fieldEnd(byte[] text, int from, int to) {
        int i = from;
        while (i < to && !isBlank(text[i])) {
            i++;
        }
        return i;
    }

    /** A decimal integer with an optional leading minus sign filling the whole range, or {@link #NOT_A_NUMBER}. */
    static long decimal(byte[] text, int from, int to) {
        boolean negative = from < to && text[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return NOT_A_NUMBER;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /**
     * Up to 16 hexadecimal digits filling the whole range, read as an unsigned 64-bit value (so kernel
     * addresses come out negative), or {@link #NOT_A_NUMBER}, which is itself a non-canonical address.
     */
    static long hex(byte[] text, int from, int to) {
        if (from == to || to - from > 16) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int c = text[i];
            int digit;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10;
            } else {
                return NOT_A_NUMBER;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** {@code digits[.digits]} filling the whole range, as the kernel prints PSI averages; NaN if not so. */
    static double fixedPoint(byte[] text, int from, int to) {
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = -1;
        for (int i = from; i < to; i++) {
            byte c = text[i];
            if (c == '.' && fractionDigits < 0) {
                fractionDigits = 0;
                continue;
            }
            int digit = c - '0';
            if (digit < 0 || digit > 9 || ++digits > 15) {
                return Double.NaN;
            }
            mantissa = mantissa * 10 + digit;
            if (fractionDigits >= 0) {
                fractionDigits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        // Both operands are exact doubles, so the one division rounds correctly, as Double.parseDouble would.
        return fractionDigits <= 0 ? mantissa : mantissa / Math.pow(10, fractionDigits);
    }

    /**
     * Whether the range holds exactly the ASCII string {@code s}. A byte of 0x80 or more is negative and never
     * equals a char, so a match also means that decoding the range gives a string equal to {@code s}.
     */
    static boolean regionEquals(byte[] text, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text[i] != s.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    static boolean regionEndsWith(byte[] text, int from, int to, String suffix) {
        return to - from >= suffix.length() && regionEquals(text, to - suffix.length(), to, suffix);
    }

    /** The range decoded as UTF-8, as file names are on Linux. */
    static String string(byte[] text, int from, int to) {
        return new String(text, from, to - from, StandardCharsets.UTF_8);
    }

    /** The end of the key of a {@code Key: value} or {@code key value} line: the first colon or blank. */
    static int keyEnd(byte[] text, int from, int to) {
        int i = from;
        while (i < to && text[i] != ':' && !isBlank(text[i])) {
            i++;
        }
        return i;
    }

    /** The index in {@code keys} of the key in the range, or -1. */
    static int keyIndex(byte[] text, int from, int to, String[] keys) {
        for (int k = 0; k < keys.length; k++) {
            if (regionEquals(text, from, to, keys[k])) {
                return k;
            }
        }
        return -1;
    }

    /**
     * The amount after a key: the first field after the colon and blanks as a decimal, multiplied by 1024 when
     * the next field is {@code kB}; -1 if it is not a number, does not fit, or has another unit. A number
     * following it (as in {@code Uid:}) is not a unit.
     */
    static long amount(byte[] text, int keyEnd, int to) {
        int i = keyEnd < to && text[keyEnd] == ':' ? keyEnd + 1 : keyEnd;
        i = skipBlanks(text, i, to);
        int end = fieldEnd(text, i, to);
        long value = decimal(text, i, end);
        if (value == NOT_A_NUMBER || value < 0) {
            return -1;
        }
        int unit = skipBlanks(text, end, to);
        int unitEnd = fieldEnd(text, unit, to);
        if (regionEquals(text, unit, unitEnd, "kB")) {
            return value > Long.MAX_VALUE / 1024 ? -1 : value * 1024;
        }
        return unit == unitEnd || (text[unit] >= '0' && text[unit] <= '9') ? value : -1;
    }

    /**
     * For each line {@code Key: value [kB]} or {@code key value} whose key is one of {@code keys}, stores its
     * {@link #amount} at the key's index in {@code values}; a key absent from the text leaves -1.
     */
    static void keyedAmounts(ProcText text, String[] keys, long[] values) {
        Arrays.fill(values, -1);
        forEachLine(text, (t, from, to) -> {
            int keyEnd = keyEnd(t, from, to);
            int k = keyIndex(t, from, keyEnd, keys);
            if (k >= 0) {
                values[k] = amount(t, keyEnd, to);
            }
        });
    }

    /** The end of the first line of a text, at its line feed. */
    static int firstLineEnd(ProcText text) {
        return lineEnd(text.bytes(), 0, text.length());
    }
}
