package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.Set;

/** The process's mapping totals over time, from {@code mapwatch.MappedMemory}; -1 where never measured. */
public final class ProcessMappings implements Aggregator {
    private final Series trackedBytes;
    private final Series residentBytes;
    private final Series rssFile;
    private final Series mapCount;
    private long samples;
    private long peakTrackedBytes = -1;
    private long peakResidentBytes = -1;
    private long peakUntrackedBytes = -1;
    private long peakMapCount = -1;
    private long maxMapCount = -1;
    private long peakRssFile = -1;
    private long peakRssAnon = -1;

    public ProcessMappings(TimeAxis axis) {
        trackedBytes = new Series(axis, Series.Fold.MAX);
        residentBytes = new Series(axis, Series.Fold.MAX);
        rssFile = new Series(axis, Series.Fold.MAX);
        mapCount = new Series(axis, Series.Fold.MAX);
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.MappedMemory.class);
    }

    @Override
    public void accept(Fact fact) {
        if (!(fact instanceof Fact.MappedMemory m)) {
            return;
        }
        samples++;
        peakTrackedBytes = Math.max(peakTrackedBytes, m.trackedBytes());
        peakResidentBytes = Math.max(peakResidentBytes, m.trackedResidentBytes());
        peakUntrackedBytes = Math.max(peakUntrackedBytes, m.untrackedBytes());
        peakMapCount = Math.max(peakMapCount, m.mapCount());
        peakRssFile = Math.max(peakRssFile, m.rssFile());
        peakRssAnon = Math.max(peakRssAnon, m.rssAnon());
        if (m.maxMapCount() > 0) {
            maxMapCount = m.maxMapCount();
        }
        trackedBytes.add(m.time(), m.trackedBytes());
        residentBytes.add(m.time(), m.trackedResidentBytes());
        rssFile.add(m.time(), m.rssFile());
        mapCount.add(m.time(), m.mapCount());
    }

    public boolean measured() {
        return samples > 0;
    }

    public long peakTrackedBytes() {
        return peakTrackedBytes;
    }

    public long peakResidentBytes() {
        return peakResidentBytes;
    }

    public long peakUntrackedBytes() {
        return peakUntrackedBytes;
    }

    public long peakMapCount() {
        return peakMapCount;
    }

    /** The vm.max_map_count limit the agent read, -1 if unknown. */
    public long maxMapCount() {
        return maxMapCount;
    }

    public long peakRssFile() {
        return peakRssFile;
    }

    public long peakRssAnon() {
        return peakRssAnon;
    }

    public Series trackedBytes() {
        return trackedBytes;
    }

    public Series residentBytes() {
        return residentBytes;
    }

    public Series rssFile() {
        return rssFile;
    }

    public Series mapCount() {
        return mapCount;
    }
}
