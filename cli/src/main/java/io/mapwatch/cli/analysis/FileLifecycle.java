package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import io.mapwatch.events.MapwatchEvents;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps, unmaps, peak mapped bytes and force/load costs per file and per directory. A mapping found
 * live (made before the recording) counts from the moment it was found, without a map. Memory
 * grows with the number of files, not with the number of events.
 */
public final class FileLifecycle implements Aggregator, MappingListener {
    /** Shown for events whose mapping the agent did not track. */
    public static final String UNKNOWN_PATH = "(unknown file)";

    private final Map<String, Stats> byPath = new HashMap<>();
    private final Map<String, Stats> byDirectory = new HashMap<>();
    private final Series mappedOverTime;
    private long liveBytes;
    private long peakMappedBytes;
    private long maps;
    private long unmaps;

    /** Figures of one file, or of all files in one directory, as they add up during the pass. */
    static final class Stats {
        final String path;
        /** The directory's figures, for a file; null for a directory. */
        final Stats directory;
        int files;
        /** Whether a mapping of it was seen made or live: without, its mapped bytes are unknown. */
        boolean seenLive;
        long maps;
        long unmaps;
        long gcUnmaps;
        long liveBytes;
        long liveAtEndBytes;
        long peakMappedBytes;
        long extendingMaps;
        long forces;
        long forceNanos;
        long forceMaxNanos;
        long loads;
        long loadNanos;

        Stats(String path, Stats directory) {
            this.path = path;
            this.directory = directory;
        }

        void live(RecordedMapping mapping) {
            seenLive = true;
            liveBytes += mapping.mappedSize();
            peakMappedBytes = Math.max(peakMappedBytes, liveBytes);
            if (directory != null) {
                directory.live(mapping);
            }
        }

        void made(RecordedMapping mapping) {
            maps++;
            extendingMaps += mapping.fileExtended() ? 1 : 0;
            if (directory != null) {
                directory.made(mapping);
            }
        }

        void unmapped(Fact.Unmap unmap) {
            unmaps++;
            gcUnmaps += MapwatchEvents.TRIGGER_GC.equals(unmap.trigger()) ? 1 : 0;
            if (directory != null) {
                directory.unmapped(unmap);
            }
        }

        void released(RecordedMapping mapping) {
            liveBytes -= mapping.mappedSize();
            if (directory != null) {
                directory.released(mapping);
            }
        }

        void stillLive(RecordedMapping mapping) {
            liveAtEndBytes += mapping.mappedSize();
            if (directory != null) {
                directory.stillLive(mapping);
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

    FileLifecycle(TimeAxis axis) {
        this.mappedOverTime = new Series(axis, Series.Fold.MAX);
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.Force.class, Fact.Load.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.Force force) {
            stats(force.path()).forced(force.durationNanos());
        } else if (fact instanceof Fact.Load load) {
            stats(load.path()).loaded(load.durationNanos());
        }
    }

    @Override
    public void made(RecordedMapping mapping) {
        stats(mapping.path()).made(mapping);
        maps++;
    }

    @Override
    public void live(RecordedMapping mapping, Instant at) {
        stats(mapping.path()).live(mapping);
        liveBytes += mapping.mappedSize();
        peakMappedBytes = Math.max(peakMappedBytes, liveBytes);
        mappedOverTime.add(at, liveBytes);
    }

    @Override
    public void unmapped(Fact.Unmap unmap, RecordedMapping mapping) {
        unmaps++;
        stats(unmap.path()).unmapped(unmap);
        if (mapping != null) {
            release(mapping);
        }
        mappedOverTime.add(unmap.startNanos(), liveBytes);
    }

    @Override
    public void lost(RecordedMapping mapping, Instant at) {
        release(mapping);
    }

    @Override
    public void stillLive(RecordedMapping mapping, Instant end) {
        stats(mapping.path()).stillLive(mapping);
        release(mapping);
    }

    @Override
    public void processEnded(Instant at) {
        mappedOverTime.add(at, liveBytes);
    }

    private void release(RecordedMapping mapping) {
        stats(mapping.path()).released(mapping);
        liveBytes -= mapping.mappedSize();
    }

    private Stats stats(String path) {
        String file = path == null ? UNKNOWN_PATH : path;
        Stats stats = byPath.get(file);
        if (stats == null) {
            Stats directory = byDirectory.computeIfAbsent(Directories.of(file), d -> new Stats(d, null));
            directory.files++;
            stats = new Stats(file, directory);
            byPath.put(file, stats);
        }
        return stats;
    }

    Map<String, Stats> files() {
        return byPath;
    }

    Map<String, Stats> directories() {
        return byDirectory;
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
