package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How much of the mapped files was in memory, from the residency sampler. The sampler visits
 * every live mapping once per pass, so a pass ends where an address comes round again; peaks are
 * sums over one pass, per file, per directory and for the process.
 */
public final class Residency implements Aggregator {
    private final Map<String, Peaks> byPath = new HashMap<>();
    private final Map<String, Peaks> byDirectory = new HashMap<>();
    private final Set<Long> passAddresses = new HashSet<>();
    private final Map<String, PassTotals> passByPath = new HashMap<>();
    private final Map<String, PassTotals> passByDirectory = new HashMap<>();
    private PassTotals processPass = new PassTotals();
    private final Peaks process = new Peaks();
    private final Series residentOverTime;
    private final Series pageCacheOverTime;
    private Instant passTime;
    private long samples;

    /** Peaks of one file, one directory or the process. -1: not measured. */
    public static final class Peaks {
        public long peakResidentBytes = -1;
        public long peakPageCacheBytes = -1;
        /** smaps figures of the pass with the largest Rss; null when smaps was never read. */
        public Fact.SmapsFigures smapsAtPeak;
        long fractionSamples;
        double fractionSum;

        /** Average share of the mapped bytes in the page cache (or resident, where the cache was not measured). */
        public double averageCachedShare() {
            return fractionSamples == 0 ? -1 : fractionSum / fractionSamples;
        }
    }

    /** Sums of one pass. */
    private static final class PassTotals {
        long mapped;
        long resident = -1;
        long pageCache = -1;
        Fact.SmapsFigures smaps;

        void add(Fact.MappingResidency r) {
            mapped += r.mappedSize();
            resident = sum(resident, r.residentBytes());
            pageCache = sum(pageCache, r.pageCacheBytes());
            if (r.smaps().measured()) {
                Fact.SmapsFigures s = smaps == null ? new Fact.SmapsFigures(0, 0, 0, 0, 0, 0, 0, 0) : smaps;
                Fact.SmapsFigures a = r.smaps();
                smaps = new Fact.SmapsFigures(s.rss() + a.rss(), s.pss() + a.pss(), s.sharedClean() + a.sharedClean(),
                        s.sharedDirty() + a.sharedDirty(), s.privateClean() + a.privateClean(),
                        s.privateDirty() + a.privateDirty(), s.referenced() + Math.max(0, a.referenced()),
                        s.swap() + Math.max(0, a.swap()));
            }
        }

        void foldInto(Peaks peaks) {
            peaks.peakResidentBytes = Math.max(peaks.peakResidentBytes, resident);
            peaks.peakPageCacheBytes = Math.max(peaks.peakPageCacheBytes, pageCache);
            long cached = pageCache >= 0 ? pageCache : resident;
            if (cached >= 0 && mapped > 0) {
                peaks.fractionSamples++;
                peaks.fractionSum += Math.min(1.0, (double) cached / mapped);
            }
            if (smaps != null) {
                if (peaks.smapsAtPeak == null || smaps.rss() > peaks.smapsAtPeak.rss()) {
                    peaks.smapsAtPeak = smaps;
                }
            }
        }

        private static long sum(long total, long value) {
            return value < 0 ? total : Math.max(0, total) + value;
        }
    }

    public Residency(TimeAxis axis) {
        this.residentOverTime = new Series(axis, Series.Fold.MAX);
        this.pageCacheOverTime = new Series(axis, Series.Fold.MAX);
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.MappingResidency.class);
    }

    @Override
    public void accept(Fact fact) {
        if (!(fact instanceof Fact.MappingResidency r)) {
            return;
        }
        if (!passAddresses.add(r.address())) {
            closePass();
            passAddresses.add(r.address());
        }
        samples++;
        passTime = r.time();
        String path = r.path() == null ? FileLifecycle.UNKNOWN_PATH : r.path();
        passByPath.computeIfAbsent(path, p -> new PassTotals()).add(r);
        passByDirectory.computeIfAbsent(Directories.of(path), p -> new PassTotals()).add(r);
        processPass.add(r);
    }

    @Override
    public void processEnded(Instant at) {
        closePass();
    }

    @Override
    public void finish(Instant end) {
        closePass();
    }

    private void closePass() {
        if (passAddresses.isEmpty()) {
            return;
        }
        passByPath.forEach((path, pass) -> pass.foldInto(byPath.computeIfAbsent(path, p -> new Peaks())));
        passByDirectory.forEach((dir, pass) -> pass.foldInto(byDirectory.computeIfAbsent(dir, p -> new Peaks())));
        processPass.foldInto(process);
        residentOverTime.add(passTime, processPass.resident);
        pageCacheOverTime.add(passTime, processPass.pageCache);
        passAddresses.clear();
        passByPath.clear();
        passByDirectory.clear();
        processPass = new PassTotals();
    }

    Set<String> paths() {
        return byPath.keySet();
    }

    /** What the passes saw of {@code path}; all -1 when the file was not sampled. */
    MappedFile.Memory file(String path) {
        return memoryOf(byPath.get(path));
    }

    MappedFile.Memory directory(String directory) {
        return memoryOf(byDirectory.get(directory));
    }

    private static MappedFile.Memory memoryOf(Peaks peaks) {
        Peaks p = peaks == null ? new Peaks() : peaks;
        return new MappedFile.Memory(p.peakResidentBytes, p.peakPageCacheBytes, p.averageCachedShare(),
                p.smapsAtPeak == null ? Fact.SmapsFigures.NOT_READ : p.smapsAtPeak);
    }

    public Peaks process() {
        return process;
    }

    public boolean measured() {
        return samples > 0;
    }

    public Series residentOverTime() {
        return residentOverTime;
    }

    public Series pageCacheOverTime() {
        return pageCacheOverTime;
    }
}
