package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** {@code jdk.FileRead} by file: reads through read() rather than through a mapping. */
final class FileReads implements Aggregator {
    private final Map<String, Reads> byPath = new HashMap<>();

    /** The reads of one file that JFR recorded (those above its threshold), as they add up. */
    private static final class Reads {
        long count;
        long bytes;
        long nanos;
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.FileRead.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.FileRead r && r.path() != null) {
            Reads reads = byPath.computeIfAbsent(r.path(), p -> new Reads());
            reads.count++;
            reads.bytes += Math.max(0, r.bytesRead());
            reads.nanos += r.durationNanos();
        }
    }

    /** The recorded read() calls of {@code path}. */
    MappedFile.ReadCalls of(String path) {
        Reads r = byPath.get(path);
        return r == null ? MappedFile.ReadCalls.NONE : new MappedFile.ReadCalls(r.count, r.bytes, r.nanos);
    }
}
