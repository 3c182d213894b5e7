package io.mapwatch.cli.analysis;

import java.time.Instant;
import java.util.Arrays;

/** One figure over time, folded into the buckets of a {@link TimeAxis}; -1 where nothing was seen. */
public final class Series {
    /** How values in one bucket combine. */
    public enum Fold { MAX, SUM }

    private final TimeAxis axis;
    private final Fold fold;
    private final long[] values;

    public Series(TimeAxis axis, Fold fold) {
        this.axis = axis;
        this.fold = fold;
        this.values = new long[axis.buckets()];
        Arrays.fill(values, -1);
    }

    /** Adds a measured value; negative values (not measured) are ignored. */
    public void add(Instant time, long value) {
        add(TimeAxis.epochNanos(time), value);
    }

    /** {@link #add(Instant, long)} at {@code epochNanos}, nanoseconds since the epoch: without an Instant per value. */
    public void add(long epochNanos, long value) {
        if (value < 0) {
            return;
        }
        int bucket = axis.bucketOf(epochNanos);
        long old = values[bucket];
        values[bucket] = old < 0 ? value : fold == Fold.MAX ? Math.max(old, value) : old + value;
    }

    public boolean isEmpty() {
        return Arrays.stream(values).allMatch(v -> v < 0);
    }

    public TimeAxis axis() {
        return axis;
    }

    /** The value of each bucket, -1 where nothing was seen. */
    public long[] values() {
        return values.clone();
    }
}
