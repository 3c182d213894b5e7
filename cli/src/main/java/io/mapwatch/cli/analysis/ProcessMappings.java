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
    private final Peak peakTrackedBytes = new Peak();
    private final Peak peakResidentBytes = new Peak();
    private final Peak peakUntrackedBytes = new Peak();
    private final Peak peakMapCount = new Peak();
    private long maxMapCount = -1;
    private final Peak peakRssFile = new Peak();
    private final Peak peakRssAnon = new Peak();

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
        peakTrackedBytes.offer(m.trackedBytes());
        peakResidentBytes.offer(m.trackedResidentBytes());
        peakUntrackedBytes.offer(m.untrackedBytes());
        peakMapCount.offer(m.mapCount());
        peakRssFile.offer(m.rssFile());
        peakRssAnon.offer(m.rssAnon());
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
        return peakTrackedBytes.value();
    }

    public long peakResidentBytes() {
        return peakResidentBytes.value();
    }

    public long peakUntrackedBytes() {
        return peakUntrackedBytes.value();
    }

    public long peakMapCount() {
        return peakMapCount.value();
    }

    /** The vm.max_map_count limit the agent read, -1 if unknown. */
    public long maxMapCount() {
        return maxMapCount;
    }

    public long peakRssFile() {
        return peakRssFile.value();
    }

    public long peakRssAnon() {
        return peakRssAnon.value();
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
