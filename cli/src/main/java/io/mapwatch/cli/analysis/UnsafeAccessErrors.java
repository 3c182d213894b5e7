package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Errors the JVM raises when a mapped page cannot be read (SIGBUS, usually a file truncated under
 * the mapping): {@code InternalError: a fault occurred in ... unsafe memory access operation}.
 */
public final class UnsafeAccessErrors implements Aggregator {
    private static final int KEPT = 20;
    private final StackFrames frames;
    private final List<Error> first = new ArrayList<>();
    private long count;

    /** One such error. */
    public record Error(Instant time, long osThreadId, String message, String site) {
    }

    public UnsafeAccessErrors(StackFrames frames) {
        this.frames = frames;
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.ErrorThrown.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.ErrorThrown e && e.message() != null
                && e.message().toLowerCase(Locale.ROOT).contains("unsafe memory access")) {
            count++;
            if (first.size() < KEPT) {
                first.add(new Error(e.time(), e.osThreadId(), e.message(), frames.applicationFrame(e.stack())));
            }
        }
    }

    public long count() {
        return count;
    }

    public List<Error> first() {
        return List.copyOf(first);
    }
}
