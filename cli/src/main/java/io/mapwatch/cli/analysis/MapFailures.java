package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Maps that threw: how many, and the first few with the code that asked. */
public final class MapFailures implements Aggregator {
    private static final int KEPT = 20;
    private final StackFrames frames;
    private final List<Failure> first = new ArrayList<>();
    private long count;
    private long highestMapCount = -1;
    private long maxMapCount = -1;

    /** One failed map. */
    public record Failure(Instant time, String path, String mode, long size, String message, long mapCount,
                          long maxMapCount, String site) {
    }

    public MapFailures(StackFrames frames) {
        this.frames = frames;
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.MapFailure.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.MapFailure f) {
            count++;
            highestMapCount = Math.max(highestMapCount, f.mapCount());
            if (f.maxMapCount() > 0) {
                maxMapCount = f.maxMapCount();
            }
            if (first.size() < KEPT) {
                first.add(new Failure(f.time(), f.path(), f.mode(), f.size(), f.message(), f.mapCount(),
                        f.maxMapCount(), frames.applicationFrame(f.stack())));
            }
        }
    }

    public long count() {
        return count;
    }

    public List<Failure> first() {
        return List.copyOf(first);
    }

    /** The highest map count seen at a failure, -1 if unknown. */
    public long highestMapCount() {
        return highestMapCount;
    }

    public long maxMapCount() {
        return maxMapCount;
    }
}
