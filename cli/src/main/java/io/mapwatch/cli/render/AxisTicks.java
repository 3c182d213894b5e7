package io.mapwatch.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a chart axis of sizes, counts or durations puts its ticks, so that the page draws the
 * labels the CLI formats instead of formatting numbers itself: from zero to at least the largest
 * value in at most {@link #MAX_STEPS} equal steps of a round size (a power of two for bytes, 1, 2
 * or 5 times a power of ten for counts and milliseconds).
 */
final class AxisTicks {
    static final int MAX_STEPS = 5;

    private AxisTicks() {
    }

    /** Whether a column of {@code kind} is charted on an axis of its own unit. */
    static boolean charted(Kind kind) {
        return kind == Kind.BYTES || kind == Kind.COUNT || kind == Kind.MILLIS || kind == Kind.NANOS;
    }

    /** The tick values for a column whose largest value is {@code max} (below one: the axis is zero to one). */
    static List<Long> of(Kind kind, long max) {
        long top = Math.max(1, max);
        long step = kind == Kind.BYTES ? binaryStep(top) : decimalStep(top);
        List<Long> ticks = new ArrayList<>();
        for (long tick = 0; ticks.isEmpty() || ticks.get(ticks.size() - 1) < top; tick += step) {
            ticks.add(tick);
        }
        return ticks;
    }

    private static long binaryStep(long top) {
        long step = 1;
        while (steps(top, step) > MAX_STEPS) {
            step <<= 1;
        }
        return step;
    }

    private static long decimalStep(long top) {
        for (long power = 1; ; power *= 10) {
            for (long factor : new long[]{1, 2, 5}) {
                if (steps(top, factor * power) <= MAX_STEPS) {
                    return factor * power;
                }
            }
        }
    }

    private static long steps(long top, long step) {
        return (top + step - 1) / step;
    }
}
