package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import io.mapwatch.events.MapwatchEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** How long mappings lived, by what ended them, and the mappings still live at the end. */
public final class Lifetimes implements Aggregator, MappingListener {
    /** Upper bounds of the lifetime buckets; the last bucket has none. */
    public static final List<Duration> BOUNDS = List.of(Duration.ofMillis(1), Duration.ofMillis(10),
            Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofHours(1));
    private static final long[] BOUND_NANOS = BOUNDS.stream().mapToLong(Duration::toNanos).toArray();
    private static final int KEPT = 20;

    private final StackFrames frames;
    private final long[] gc = new long[BOUNDS.size() + 1];
    private final long[] explicit = new long[BOUNDS.size() + 1];
    private final long[] arena = new long[BOUNDS.size() + 1];
    private final long[] liveAtEnd = new long[BOUNDS.size() + 1];
    private final List<LiveAtEnd> largestLive = new ArrayList<>();
    private long liveCount;
    private long liveBytes;

    /** A mapping still live when its recording ended. */
    public record LiveAtEnd(String path, long mappedSize, Instant mappedAt, Duration age, String site) {
    }

    /** Counts per lifetime bucket for one way of ending. */
    public record Histogram(String trigger, long[] counts) {
    }

    Lifetimes(StackFrames frames) {
        this.frames = frames;
    }

    @Override
    public void unmapped(Fact.Unmap unmap, RecordedMapping mapping) {
        long[] counts = switch (String.valueOf(unmap.trigger())) {
            case MapwatchEvents.TRIGGER_GC -> gc;
            case MapwatchEvents.TRIGGER_ARENA -> arena;
            default -> explicit;
        };
        counts[bucketOf(unmap.lifetimeNanos())]++;
    }

    @Override
    public void stillLive(RecordedMapping mapping, Instant end) {
        Duration age = Duration.between(mapping.mappedAt(), end);
        liveAtEnd[bucketOf(age.toNanos())]++;
        liveCount++;
        liveBytes += mapping.mappedSize();
        largestLive.add(new LiveAtEnd(mapping.path(), mapping.mappedSize(), mapping.mappedAt(), age,
                frames.applicationFrame(mapping)));
        if (largestLive.size() > 2 * KEPT) {
            keepLargest();
        }
    }

    @Override
    public void finish(Instant end) {
        keepLargest();
    }

    private void keepLargest() {
        // a whole order, so that which are kept does not hang on the order mappings are told in
        largestLive.sort(Comparator.comparingLong(LiveAtEnd::mappedSize).reversed()
                .thenComparing(LiveAtEnd::mappedAt)
                .thenComparing(LiveAtEnd::path, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(LiveAtEnd::site, Comparator.nullsFirst(Comparator.naturalOrder())));
        if (largestLive.size() > KEPT) {
            largestLive.subList(KEPT, largestLive.size()).clear();
        }
    }

    private static int bucketOf(long lifetimeNanos) {
        int bucket = 0;
        while (bucket < BOUND_NANOS.length && lifetimeNanos >= BOUND_NANOS[bucket]) {
            bucket++;
        }
        return bucket;
    }

    /** Lifetimes of unmapped mappings by trigger, and ages of those live at the end. */
    public List<Histogram> histograms() {
        return List.of(new Histogram(MapwatchEvents.TRIGGER_EXPLICIT, explicit.clone()),
                new Histogram(MapwatchEvents.TRIGGER_GC, gc.clone()),
                new Histogram(MapwatchEvents.TRIGGER_ARENA, arena.clone()),
                new Histogram("LIVE_AT_END", liveAtEnd.clone()));
    }

    public long liveCount() {
        return liveCount;
    }

    public long liveBytes() {
        return liveBytes;
    }

    /** The largest mappings live at the end, at most twenty. */
    public List<LiveAtEnd> largestLive() {
        return List.copyOf(largestLive);
    }
}
