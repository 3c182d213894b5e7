package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** File mappings the agent did not see being made (the JVM's own, JNI libraries), by file. */
public final class UntrackedFiles implements Aggregator {
    private final Map<String, Map<Long, Long>> sizesByPath = new HashMap<>();

    /** One file's untracked mappings. */
    public record UntrackedFile(String path, long bytes, int mappings) {
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.UntrackedMapping.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.UntrackedMapping u) {
            String path = u.path() == null ? FileLifecycle.UNKNOWN_PATH : u.path();
            sizesByPath.computeIfAbsent(path, p -> new HashMap<>()).put(u.address(), u.size());
        }
    }

    /** Files, the largest first. */
    public List<UntrackedFile> files() {
        List<UntrackedFile> files = new ArrayList<>();
        sizesByPath.forEach((path, sizes) -> files.add(
                new UntrackedFile(path, sizes.values().stream().mapToLong(Long::longValue).sum(), sizes.size())));
        files.sort((a, b) -> a.bytes() != b.bytes() ? Long.compare(b.bytes(), a.bytes()) : a.path().compareTo(b.path()));
        return files;
    }
}
