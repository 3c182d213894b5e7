package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Slow bulk copies out of and into mapped files ({@code mapwatch.MappedRead}/{@code MappedWrite}), by file. */
public final class MappedAccesses implements Aggregator {
    private final Map<String, Accesses> byPath = new HashMap<>();
    private long reads;

    /** The recorded accesses of one file. */
    public static final class Accesses {
        public long reads;
        public long readBytes;
        public long readNanos;
        public long writes;
        public long writeBytes;
        public long writeNanos;
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.MappedAccess.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.MappedAccess a && a.path() != null) {
            Accesses accesses = byPath.computeIfAbsent(a.path(), p -> new Accesses());
            if (a.write()) {
                accesses.writes++;
                accesses.writeBytes += a.bytes();
                accesses.writeNanos += a.durationNanos();
            } else {
                reads++;
                accesses.reads++;
                accesses.readBytes += a.bytes();
                accesses.readNanos += a.durationNanos();
            }
        }
    }

    /** The accesses of {@code path}; never null. */
    public Accesses of(String path) {
        return byPath.getOrDefault(path, new Accesses());
    }

    public Map<String, Accesses> byPath() {
        return Map.copyOf(byPath);
    }

    public long reads() {
        return reads;
    }
}
