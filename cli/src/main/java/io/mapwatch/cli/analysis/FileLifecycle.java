package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.LifecycleRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Maps, unmaps, peak mapped bytes and force/load costs per file, from time-ordered lifecycle
 * records. Memory grows with the number of files and of mappings live at once, not with events.
 */
public final class FileLifecycle implements Consumer<LifecycleRecord> {
    private static final String UNKNOWN = "(unknown path)";

    private final Map<String, Stats> byPath = new HashMap<>();
    private final Map<Long, LifecycleRecord.Map> live = new HashMap<>();
    private long liveBytes;
    private long peakMappedBytes;

    /** Figures of one file. */
    public static final class Stats {
        public final String path;
        public long maps;
        public long unmaps;
        public long liveBytes;
        public long peakMappedBytes;
        public long forces;
        public long forceNanos;
        public long forceMaxNanos;
        public long loads;
        public long loadNanos;

        Stats(String path) {
            this.path = path;
        }
    }

    @Override
    public void accept(LifecycleRecord record) {
        if (record instanceof LifecycleRecord.Map map) {
            Stats stats = stats(map.path());
            stats.maps++;
            LifecycleRecord.Map replaced = live.put(map.address(), map);
            if (replaced != null) {
                release(replaced); // an unmap we did not see (dropped event): the address was reused
            }
            stats.liveBytes += map.mappedSize();
            stats.peakMappedBytes = Math.max(stats.peakMappedBytes, stats.liveBytes);
            liveBytes += map.mappedSize();
            peakMappedBytes = Math.max(peakMappedBytes, liveBytes);
        } else if (record instanceof LifecycleRecord.Unmap unmap) {
            stats(unmap.path()).unmaps++;
            LifecycleRecord.Map mapped = live.remove(unmap.address());
            if (mapped != null) {
                release(mapped);
            }
        } else if (record instanceof LifecycleRecord.Force force) {
            Stats stats = stats(force.path());
            stats.forces++;
            stats.forceNanos += force.durationNanos();
            stats.forceMaxNanos = Math.max(stats.forceMaxNanos, force.durationNanos());
        } else if (record instanceof LifecycleRecord.Load load) {
            Stats stats = stats(load.path());
            stats.loads++;
            stats.loadNanos += load.durationNanos();
        }
    }

    private void release(LifecycleRecord.Map mapped) {
        stats(mapped.path()).liveBytes -= mapped.mappedSize();
        liveBytes -= mapped.mappedSize();
    }

    private Stats stats(String path) {
        return byPath.computeIfAbsent(path == null ? UNKNOWN : path, Stats::new);
    }

    /** Files, the one with the largest peak first. */
    public List<Stats> files() {
        List<Stats> files = new ArrayList<>(byPath.values());
        files.sort(Comparator.comparingLong((Stats s) -> s.peakMappedBytes).reversed().thenComparing(s -> s.path));
        return files;
    }

    /** Largest sum of mappedSize over the live mappings at any moment. */
    public long peakMappedBytes() {
        return peakMappedBytes;
    }

    public long liveAtEndBytes() {
        return liveBytes;
    }

    public long liveAtEndCount() {
        return live.size();
    }
}
