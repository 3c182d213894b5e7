package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Slow bulk copies out of and into mapped files ({@code mapwatch.MappedRead}/{@code MappedWrite}), by file. */
final class MappedAccesses implements Aggregator {
    private final Map<String, Copies> byPath = new HashMap<>();

    /** The timed copies of one file, as they add up. */
    private static final class Copies {
        long reads;
        long readBytes;
        long readNanos;
        long writes;
        long writeBytes;
        long writeNanos;
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.MappedAccess.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.MappedAccess a && a.path() != null) {
            Copies copies = byPath.computeIfAbsent(a.path(), p -> new Copies());
            if (a.write()) {
                copies.writes++;
                copies.writeBytes += a.bytes();
                copies.writeNanos += a.durationNanos();
            } else {
                copies.reads++;
                copies.readBytes += a.bytes();
                copies.readNanos += a.durationNanos();
            }
        }
    }

    Set<String> paths() {
        return byPath.keySet();
    }

    /** The timed copies of {@code path}. */
    MappedFile.TimedCopies of(String path) {
        Copies c = byPath.get(path);
        return c == null ? MappedFile.TimedCopies.NONE
                : new MappedFile.TimedCopies(c.reads, c.readBytes, c.readNanos, c.writes, c.writeBytes, c.writeNanos);
    }
}
