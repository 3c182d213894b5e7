package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The working set of the mapped files, from {@code mapwatch.WorkingSet}: the agent emits one event
 * per live mapping at the end of each window, all in one pass, so a window ends where an address
 * comes round again or the events pause for half a window. Peaks are sums over one window, per
 * file, per directory and for the process.
 */
public final class WorkingSets implements Aggregator {
    private final Map<String, MappedFile.WorkingSet> byPath = new HashMap<>();
    private final Map<String, MappedFile.WorkingSet> byDirectory = new HashMap<>();
    private MappedFile.WorkingSet process = MappedFile.WorkingSet.NOT_MEASURED;
    private final Set<Long> windowAddresses = new HashSet<>();
    private final Map<String, Long> windowByPath = new HashMap<>();
    private final Map<String, Long> windowByDirectory = new HashMap<>();
    private long windowBytes;
    private long windowNanos;
    private Instant lastTime;

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.WorkingSet.class);
    }

    @Override
    public void accept(Fact fact) {
        if (!(fact instanceof Fact.WorkingSet w) || w.referencedBytes() < 0) {
            return;
        }
        boolean paused = lastTime != null && Duration.between(lastTime, w.time()).toNanos() > w.windowNanos() / 2;
        if (paused || windowAddresses.contains(w.address())) {
            closeWindow();
        }
        windowAddresses.add(w.address());
        lastTime = w.time();
        String path = w.path() == null ? FileLifecycle.UNKNOWN_PATH : w.path();
        windowByPath.merge(path, w.referencedBytes(), Long::sum);
        windowByDirectory.merge(Directories.of(path), w.referencedBytes(), Long::sum);
        windowBytes += w.referencedBytes();
        windowNanos = Math.max(windowNanos, w.windowNanos());
    }

    @Override
    public void processEnded(Instant at) {
        closeWindow();
    }

    @Override
    public void finish(Instant end) {
        closeWindow();
    }

    private void closeWindow() {
        if (windowAddresses.isEmpty()) {
            return;
        }
        windowByPath.forEach((path, bytes) -> byPath.merge(path, new MappedFile.WorkingSet(bytes, windowNanos),
                MappedFile.WorkingSet::larger));
        windowByDirectory.forEach((dir, bytes) -> byDirectory.merge(dir, new MappedFile.WorkingSet(bytes, windowNanos),
                MappedFile.WorkingSet::larger));
        process = MappedFile.WorkingSet.larger(process, new MappedFile.WorkingSet(windowBytes, windowNanos));
        windowAddresses.clear();
        windowByPath.clear();
        windowByDirectory.clear();
        windowBytes = 0;
        windowNanos = 0;
        lastTime = null;
    }

    Set<String> paths() {
        return byPath.keySet();
    }

    /** The most of {@code path} touched in one window; not measured when no window saw it. */
    MappedFile.WorkingSet file(String path) {
        return byPath.getOrDefault(path, MappedFile.WorkingSet.NOT_MEASURED);
    }

    MappedFile.WorkingSet directory(String directory) {
        return byDirectory.getOrDefault(directory, MappedFile.WorkingSet.NOT_MEASURED);
    }

    /** The most of the tracked mappings touched in one window, together. */
    public MappedFile.WorkingSet process() {
        return process;
    }
}
