package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.List;

/**
 * Everything a recording tells about one mapped file, or about the mapped files of one directory
 * taken together: its lifecycle, how much of it was in memory, the most of it touched in one
 * working-set window, the page-fault stalls tied to it, its exact major faults by offset, the timed
 * copies out of and into it, and its read() calls. Built once the pass is over by
 * {@link MappedFiles}, which decides what was not measured: such a figure is -1, never 0.
 *
 * @param files       1 for a file; for a directory, how many of its files were mapped
 * @param workingSet  the most of it touched in one working-set window (for a directory, its files together)
 * @param stalls      the page-fault stalls and major faults tied to it
 * @param faultRanges its ranges with exact major faults, by offset (the agent's buckets, summed over
 *                    threads and periods); null when exact faults were not recorded, and for a directory
 */
public record MappedFile(String path, int files, Lifecycle lifecycle, Memory memory, WorkingSet workingSet, StallFigures stalls,
                         List<FaultRanges.OffsetRange> faultRanges, TimedCopies copies, ReadCalls readCalls) {

    /**
     * Maps and unmaps seen in the recording, and the bytes mapped. The mapped bytes are -1 when no
     * mapping of the file was seen made or live (a recording of an older agent that began after the map).
     *
     * @param peakMappedBytes the largest sum of mappedSize over its live mappings at any moment
     * @param liveAtEndBytes  mapped when the recording (or its process) ended
     * @param forceMaxNanos   the longest force(), -1 when there was none
     */
    public record Lifecycle(long maps, long unmaps, long gcUnmaps, long extendingMaps, long peakMappedBytes,
                            long liveAtEndBytes, long forces, long forceNanos, long forceMaxNanos, long loads,
                            long loadNanos) {
        /** A file the recording names without any lifecycle event of its own. */
        static final Lifecycle UNSEEN = new Lifecycle(0, 0, 0, 0, -1, -1, 0, 0, -1, 0, 0);
    }

    /**
     * How much of it was in memory, from the residency passes.
     *
     * @param peakResidentBytes  largest sum over one pass of residentBytes (pagemap)
     * @param peakPageCacheBytes largest sum over one pass of pageCacheBytes (mincore)
     * @param cachedShare        average share of the mapping in the page cache (resident where the cache was not measured)
     * @param smaps              the smaps figures of the pass with the largest Rss; all -1 when smaps was never read
     */
    public record Memory(long peakResidentBytes, long peakPageCacheBytes, double cachedShare, Fact.SmapsFigures smaps) {
    }

    /**
     * The most bytes touched in one working-set window ({@code mapwatch.WorkingSet}), and how long
     * that window was; both -1 when no window was measured.
     */
    public record WorkingSet(long bytes, long windowNanos) {
        public static final WorkingSet NOT_MEASURED = new WorkingSet(-1, -1);

        public boolean measured() {
            return bytes >= 0;
        }

        /** The larger of two windows' figures, by bytes touched. */
        static WorkingSet larger(WorkingSet a, WorkingSet b) {
            return b.bytes > a.bytes ? b : a;
        }
    }

    /** The bulk copies out of ({@code reads}) and into ({@code writes}) the mapping that the agent timed. */
    public record TimedCopies(long reads, long readBytes, long readNanos, long writes, long writeBytes, long writeNanos) {
        static final TimedCopies NONE = new TimedCopies(0, 0, 0, 0, 0, 0);

        TimedCopies plus(TimedCopies o) {
            return new TimedCopies(reads + o.reads, readBytes + o.readBytes, readNanos + o.readNanos, writes + o.writes,
                    writeBytes + o.writeBytes, writeNanos + o.writeNanos);
        }
    }

    /** The read() calls of the file that JFR recorded ({@code jdk.FileRead}, those above its threshold). */
    public record ReadCalls(long count, long bytes, long nanos) {
        static final ReadCalls NONE = new ReadCalls(0, 0, 0);

        ReadCalls plus(ReadCalls o) {
            return new ReadCalls(count + o.count, bytes + o.bytes, nanos + o.nanos);
        }
    }
}
