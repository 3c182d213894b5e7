package io.mapwatch.cli.analysis;

import java.time.Duration;
import java.time.Instant;

/** A recording's time cut into equal buckets, for figures over time. */
public record TimeAxis(Instant start, Instant end, int buckets, long startNanos, long bucketNanos) {
    public TimeAxis(Instant start, Instant end, int buckets) {
        this(start, end.isAfter(start) ? end : start.plusSeconds(1), buckets, epochNanos(start),
                Math.max(1, Duration.between(start, end.isAfter(start) ? end : start.plusSeconds(1)).toNanos() / buckets + 1));
    }

    /** The bucket {@code time} falls in; times outside the recording go to the first or last bucket. */
    public int bucketOf(Instant time) {
        return bucketOf(epochNanos(time));
    }

    /** {@link #bucketOf(Instant)} of a time in nanoseconds since the epoch. */
    public int bucketOf(long epochNanos) {
        long offset = epochNanos - startNanos;
        return (int) Math.max(0, Math.min(buckets - 1, offset / bucketNanos));
    }

    public Instant bucketStart(int bucket) {
        return start.plusNanos(bucket * bucketNanos);
    }

    static long epochNanos(Instant time) {
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }
}
