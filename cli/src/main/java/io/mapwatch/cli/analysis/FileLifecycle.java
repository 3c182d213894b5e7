package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import io.mapwatch.events.MapwatchEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps, unmaps, peak mapped bytes and force/load costs per file and per directory. Memory grows
 * with the number of files, not with the number of events.
 */
public final class FileLifecycle implements Aggregator {
    /** Shown for events whose mapping the agent did not track. */
    public static final String UNKNOWN_PATH = "(unknown file)";

    private final LiveMappings live;
    private final Map<String, Stats> byPath = new HashMap<>();
    private final Map<String, Stats> byDirectory = new HashMap<>();
    private final Series mappedOverTime;
    private long liveBytes;
    private long peakMappedBytes;
    private long maps;
    private long unmaps;

    /** Figures of one file, or of all files in one directory. */
    public static final class Stats {
        public final String path;
        /** The directory's figures, for a file; null for a directory. */
        final Stats directory;
        public int files;
        public long maps;
        public long unmaps;
        public long gcUnmaps;
        public long liveBytes;
        public long liveMappings;
        public long peakMappedBytes;
        public long extendingMaps;
        public long forces;
        public long forceNanos;
        public long forceMaxNanos;
        public long loads;
        public long loadNanos;

        Stats(String path, Stats directory) {
            this.path = path;
            this.directory = directory;
        }

        void mapped(Fact.Map map) {
            maps++;
            extendingMaps += map.fileExtended() ? 1 : 0;
            liveMappings++;
            liveBytes += map.mappedSize();
            peakMappedBytes = Math.max(peakMappedBytes, liveBytes);
            if (directory != null) {
                directory.mapped(map);
            }
        }

        void unmapped(Fact.Unmap unmap) {
            unmaps++;
            gcUnmaps += MapwatchEvents.TRIGGER_GC.equals(unmap.trigger()) ? 1 : 0;
            if (directory != null) {
                directory.unmapped(unmap);
            }
        }

        void released(Fact.Map map) {
            liveBytes -= map.mappedSize();
            liveMappings--;
            if (directory != null) {
                directory.released(map);
            }
        }

        void forced(long nanos) {
            forces++;
            forceNanos += nanos;
            forceMaxNanos = Math.max(forceMaxNanos, nanos);
            if (directory != null) {
                directory.forced(nanos);
            }
        }

        void loaded(long nanos) {
            loads++;
            loadNanos += nanos;
            if (directory != null) {
                directory.loaded(nanos);
            }
        }
    }

    public FileLifecycle(LiveMappings live, TimeAxis axis) {
        this.live = live;
        this.mappedOverTime = new Series(axis, Series.Fold.MAX);
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.Map.class, Fact.Unmap.class, Fact.Force.class, Fact.Load.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.Map map) {
            Fact.Map replaced = live.get(map.address());
            if (replaced != null) {
                release(replaced); // its unmap was not recorded and the address was reused
            }
            stats(map.path()).mapped(map);
            maps++;
            liveBytes += map.mappedSize();
            peakMappedBytes = Math.max(peakMappedBytes, liveBytes);
            mappedOverTime.add(map.time(), liveBytes);
        } else if (fact instanceof Fact.Unmap unmap) {
            unmaps++;
            stats(unmap.path()).unmapped(unmap);
            Fact.Map mapped = live.get(unmap.address());
            if (mapped != null) {
                release(mapped);
            }
            mappedOverTime.add(unmap.time(), liveBytes);
        } else if (fact instanceof Fact.Force force) {
            stats(force.path()).forced(force.durationNanos());
        } else if (fact instanceof Fact.Load load) {
            stats(load.path()).loaded(load.durationNanos());
        }
    }

    @Override
    public void processEnded(Instant at) {
        live.all().forEach(this::release);
        mappedOverTime.add(at, liveBytes);
    }

    private void release(Fact.Map mapped) {
        stats(mapped.path()).released(mapped);
        liveBytes -= mapped.mappedSize();
    }

    private Stats stats(String path) {
        String file = path == null ? UNKNOWN_PATH : path;
        Stats stats = byPath.get(file);
        if (stats == null) {
            Stats directory = byDirectory.computeIfAbsent(Paths.directoryOf(file), d -> new Stats(d, null));
            directory.files++;
            stats = new Stats(file, directory);
            byPath.put(file, stats);
        }
        return stats;
    }

    /** Files, the largest peak first. */
    public List<Stats> files() {
        return sorted(byPath);
    }

    /** Directories, the largest peak first. */
    public List<Stats> directories() {
        return sorted(byDirectory);
    }

    public Stats file(String path) {
        return byPath.get(path);
    }

    private static List<Stats> sorted(Map<String, Stats> stats) {
        List<Stats> list = new ArrayList<>(stats.values());
        list.sort(Comparator.comparingLong((Stats s) -> s.peakMappedBytes).reversed().thenComparing(s -> s.path));
        return list;
    }

    /** Largest sum of mappedSize over the live mappings at any moment. */
    public long peakMappedBytes() {
        return peakMappedBytes;
    }

    public long maps() {
        return maps;
    }

    public long unmaps() {
        return unmaps;
    }

    /** Mapped bytes over time, the largest in each bucket. */
    public Series mappedOverTime() {
        return mappedOverTime;
    }
}
