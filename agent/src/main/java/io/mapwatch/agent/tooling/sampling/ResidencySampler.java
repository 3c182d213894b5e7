package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.kernel.procfs.Pagemap;
import io.mapwatch.events.MappedMemoryEvent;
import io.mapwatch.events.MappingResidencyEvent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.Map;

/**
 * How much of each live tracked mapping is in memory: {@code mapwatch.MappingResidency}, and the
 * totals that {@code mapwatch.MappedMemory} and JMX show. A pass whose figures nobody reads (no
 * recording with these events, no JMX bean) reads nothing.
 *
 * <p>The residency pass ({@code residency=}) measures pages mapped into this process (pagemap
 * present bits for exactly the mapping's range) and pages in the page cache: with
 * {@code cachestat(2)} of the mapping's file range where the kernel and the JDK allow it (with the
 * dirty, writeback, evicted and recently evicted pages), else with mincore. The smaps
 * pass ({@code smaps=}) adds Rss, Pss, shared/private clean/dirty, referenced and swap from
 * {@code /proc/self/smaps} ({@link TrackedSmaps}, shared with the working-set pass); its events carry
 * the residency figures of the same moment, and a residency pass right after it is skipped. Neither
 * touches mapped memory.
 */
final class ResidencySampler {
    static final String PAGEMAP = "pagemap";
    static final String MINCORE = "mincore";

    private final Totals totals;
    private final Sources sources;
    private final long pageSize;
    private final Pagemap pagemap;
    private final PageCache pageCache;
    /** Null when cachestat cannot be called (JDK 17, or the FFM module refused). */
    private final CacheStat cacheStat;
    private final TrackedSmaps trackedSmaps;
    private final boolean residencyOn;
    private final long residencyPeriodNanos;
    private final MappingResidencyEvent prototype = new MappingResidencyEvent();
    private final MappedMemoryEvent processPrototype = new MappedMemoryEvent();
    private long lastSmapsAt = Long.MIN_VALUE / 2;
    /**
     * The address ranges of this pass's runs that are wholly mapped in (so wholly in the page
     * cache), as start and end pairs in address order: ranges, not mappings, so that a pass keeps
     * no mapping reachable.
     */
    private long[] wholeRuns = new long[16];
    private int wholeRunCount;
    private int runCursor;

    ResidencySampler(Totals totals, Sources sources, Instrumentation inst, long residencyPeriodNanos, CacheStat cacheStat,
                     TrackedSmaps trackedSmaps) {
        this.totals = totals;
        this.trackedSmaps = trackedSmaps;
        this.sources = sources;
        this.pageSize = AuxVector.pageSize();
        this.residencyOn = residencyPeriodNanos > 0;
        this.residencyPeriodNanos = residencyPeriodNanos;
        this.pagemap = residencyOn ? openPagemap() : null;
        this.pageCache = residencyOn ? PageCache.open(inst, pageSize, sources, MINCORE) : null;
        this.cacheStat = residencyOn ? cacheStat : null;
    }

    private Pagemap openPagemap() {
        try {
            Pagemap opened = Pagemap.openSelf(pageSize);
            sources.ok(PAGEMAP);
            return opened;
        } catch (IOException | RuntimeException e) {
            sources.unavailable(PAGEMAP, "/proc/self/pagemap cannot be read");
            return null;
        }
    }

    SamplerTask residency() {
        return SamplerTask.of("residency", () -> {
            boolean wanted = prototype.isEnabled() || processPrototype.isEnabled() || totals.published();
            if (wanted && MappingRegistry.trackedCount() == 0) {
                noneTracked(); // at JVM start, and in any JVM that maps nothing: no file to read
            } else if (wanted && System.nanoTime() - lastSmapsAt >= residencyPeriodNanos / 2) { // else the smaps pass just emitted these
                pass(null);
            }
        });
    }

    /** Only recordings read the smaps figures, in {@code mapwatch.MappingResidency}. */
    SamplerTask smaps() {
        return SamplerTask.of(TrackedSmaps.SMAPS, () -> {
            if (!prototype.isEnabled() || MappingRegistry.trackedCount() == 0) {
                return;
            }
            Map<Mapping, long[]> figures = trackedSmaps.read();
            lastSmapsAt = System.nanoTime();
            pass(figures);
        });
    }

    private void pass(Map<Mapping, long[]> smaps) {
        try (CacheStat.Pass files = cacheStat == null || !cacheStat.usable() ? null : cacheStat.pass()) {
            pass(smaps, files);
        }
    }

    private void pass(Map<Mapping, long[]> smaps, CacheStat.Pass files) {
        boolean emit = prototype.isEnabled();
        long resident = 0;
        long cached = 0;
        boolean anyResident = false;
        boolean anyCached = false;
        boolean anyCachestat = false;
        findWholeRuns();
        for (Mapping mapping : MappingRegistry.live()) {
            if (mapping.own) {
                continue;
            }
            boolean whole = inWholeRun(mapping);
            long residentBytes = pagemap == null ? -1 : whole ? mapping.mappedSize : residentBytes(mapping);
            long[] pages = files == null ? null : files.read(mapping.realPath, mapping.fileOffset, mapping.mappedSize);
            long cacheBytes = pages != null ? Math.min(pages[CacheStat.CACHED] * pageSize, mapping.mappedSize)
                    : pageCache == null ? -1 : whole ? mapping.mappedSize : pageCache.residentBytes(mapping.address, mapping.mappedSize);
            if (mapping.isUnmapped()) {
                continue; // unmapped while measured: the figures may be another mapping's
            }
            anyCachestat |= pages != null;
            if (residentBytes >= 0) {
                resident += residentBytes;
                anyResident = true;
            }
            if (cacheBytes >= 0) {
                cached += cacheBytes;
                anyCached = true;
            }
            if (emit) {
                emit(mapping, residentBytes, cacheBytes, pages, smaps == null ? null : smaps.get(mapping));
            }
        }
        if (anyCachestat && pageCache != null) {
            sources.off(MINCORE, "cachestat(2) gives the page-cache figures; mincore only for a file that cannot be opened");
        }
        if (residencyOn) {
            totals.residentBytes = anyResident ? resident : (pagemap == null ? -1 : 0);
            totals.pageCacheBytes = anyCached ? cached : (pageCache == null ? -1 : 0);
        }
    }

    /**
     * Finds the mappings that are wholly mapped into this process by reading pagemap once per run
     * of mappings that lie end to end in memory, not once per mapping. Consecutive maps usually do
     * (the kernel places each new mapping just below the last): a process that maps a 4 GiB file
     * in 1,024 pieces of 4 MiB has them in two runs, and when the file is all resident its pass
     * makes some 130 reads instead of over 3,000 calls (a pagemap read and two mincore calls per
     * mapping). A page mapped into the process is in the page cache, so such mappings are wholly
     * cached too. A run that is not wholly mapped in is measured mapping by mapping, as before.
     * Each call costs the application more than its CPU time on this machine (docs/benchmarks.md,
     * reads-large).
     */
    private void findWholeRuns() {
        wholeRunCount = 0;
        runCursor = 0;
        if (pagemap == null) {
            return;
        }
        long runStart = 0;
        long runEnd = 0;
        int runLength = 0;
        for (Mapping mapping : MappingRegistry.live()) { // in address order
            if (mapping.own) {
                continue;
            }
            if (runLength > 0 && mapping.address == runEnd) {
                runEnd = pageEnd(mapping);
                runLength++;
                continue;
            }
            measureRun(runStart, runEnd, runLength);
            runStart = mapping.address;
            runEnd = pageEnd(mapping);
            runLength = 1;
        }
        measureRun(runStart, runEnd, runLength);
    }

    /** A run of two or more mappings: kept when all its pages are mapped in. */
    private void measureRun(long start, long end, int length) {
        if (length < 2 || pagemap.presentPages(start, end) != (end - start) / pageSize) {
            return;
        }
        if (2 * wholeRunCount + 2 > wholeRuns.length) {
            wholeRuns = Arrays.copyOf(wholeRuns, wholeRuns.length * 2);
        }
        wholeRuns[2 * wholeRunCount] = start;
        wholeRuns[2 * wholeRunCount + 1] = end;
        wholeRunCount++;
    }

    /**
     * Whether {@code mapping} lies in a run found wholly mapped in. The pass asks in address order,
     * as the runs are kept, so a cursor walks them once a pass.
     */
    private boolean inWholeRun(Mapping mapping) {
        while (runCursor < wholeRunCount && wholeRuns[2 * runCursor + 1] <= mapping.address) {
            runCursor++;
        }
        return runCursor < wholeRunCount && mapping.address >= wholeRuns[2 * runCursor]
                && pageEnd(mapping) <= wholeRuns[2 * runCursor + 1];
    }

    private long pageEnd(Mapping mapping) {
        return mapping.address + (mapping.mappedSize + pageSize - 1) / pageSize * pageSize;
    }

    /** No tracked mapping: nothing is resident, measured without reading anything. */
    private void noneTracked() {
        if (residencyOn) {
            totals.residentBytes = pagemap == null ? -1 : 0;
            totals.pageCacheBytes = pageCache == null ? -1 : 0;
        }
    }

    private long residentBytes(Mapping mapping) {
        long pages = pagemap.presentPages(mapping.address, mapping.address + mapping.mappedSize);
        if (pages < 0) {
            sources.unavailable(PAGEMAP, "/proc/self/pagemap read failed");
            return -1;
        }
        sources.ok(PAGEMAP);
        return Math.min(pages * pageSize, mapping.mappedSize);
    }

    /**
     * {@code pages} (cachestat's counts) null where cachestat was not used; {@code smaps} null between
     * smaps passes, and for a mapping made after the pass read smaps.
     */
    private void emit(Mapping mapping, long residentBytes, long cacheBytes, long[] pages, long[] s) {
        MappingResidencyEvent event = new MappingResidencyEvent();
        event.path = mapping.path;
        event.address = mapping.address;
        event.mappedSize = mapping.mappedSize;
        event.residentBytes = residentBytes;
        event.pageCacheBytes = cacheBytes;
        event.dirty = pages == null ? -1 : pages[CacheStat.DIRTY] * pageSize;
        event.writeback = pages == null ? -1 : pages[CacheStat.WRITEBACK] * pageSize;
        event.evicted = pages == null ? -1 : pages[CacheStat.EVICTED] * pageSize;
        event.recentlyEvicted = pages == null ? -1 : pages[CacheStat.RECENTLY_EVICTED] * pageSize;
        event.rss = s == null ? -1 : s[TrackedSmaps.RSS];
        event.pss = s == null ? -1 : s[TrackedSmaps.PSS];
        event.sharedClean = s == null ? -1 : s[TrackedSmaps.SHARED_CLEAN];
        event.sharedDirty = s == null ? -1 : s[TrackedSmaps.SHARED_DIRTY];
        event.privateClean = s == null ? -1 : s[TrackedSmaps.PRIVATE_CLEAN];
        event.privateDirty = s == null ? -1 : s[TrackedSmaps.PRIVATE_DIRTY];
        event.referenced = s == null ? -1 : s[TrackedSmaps.REFERENCED];
        event.swap = s == null ? -1 : s[TrackedSmaps.SWAP];
        event.commit();
    }
}
