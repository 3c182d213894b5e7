package io.mapwatch.cli.analysis;

import io.mapwatch.kernel.units.Durations;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * The figures a capacity plan rests on, for one recording or across several; -1 where not
 * measured.
 *
 * @param workingSetBytes      bytes of the mapped files touched recently: the most touched in one
 *                             working-set window ({@code mapwatch.WorkingSet}), or else the peak resident bytes
 * @param workingSetBasis      which of the two, with the window: {@code measured (referenced pages over 1 m)},
 *                             {@code peak resident} or {@code not measured}
 * @param pageCacheNeededBytes page cache the mapped files need to be read without waiting for the
 *                             disk: the working set, or the peak mapped bytes when no working set was measured
 */
public record Capacity(String source, long peakMappedBytes, long peakUntrackedBytes, long peakResidentBytes,
                       long peakPageCacheBytes, long workingSetBytes, String workingSetBasis,
                       long pageCacheNeededBytes, long majorFaults, long stallMillis, long peakMapCount,
                       long maxMapCount, long cgroupLimitBytes, long cgroupPeakUsageBytes, long cgroupPeakFileBytes,
                       long machinePeakCachedBytes) {

    public static Capacity of(String source, RecordingAnalysis a) {
        MappedFile.WorkingSet measured = a.workingSet();
        long resident = a.peakResidentBytes();
        long workingSet = measured.measured() ? measured.bytes() : resident;
        String basis = measured.measured() ? "measured (referenced pages over " + window(measured.windowNanos()) + ")"
                : resident >= 0 ? "peak resident" : "not measured";
        long mapped = a.lifecycle().peakMappedBytes();
        long mapCount = Math.max(a.process().peakMapCount(), a.mapFailures().highestMapCount());
        long maxMapCount = a.process().maxMapCount() > 0 ? a.process().maxMapCount() : a.mapFailures().maxMapCount();
        return new Capacity(source, mapped, a.process().peakUntrackedBytes(), resident,
                a.residency().process().peakPageCacheBytes, workingSet, basis, workingSet >= 0 ? workingSet : mapped,
                a.faults().majorFaults(), a.stallTotal().millis(), mapCount, maxMapCount,
                a.pressure().cgroupLimit(), a.pressure().peakCgroupUsage(), a.pressure().peakCgroupFile(),
                a.pressure().peakCached());
    }

    /** A window as the options write it, to the second from a second on: {@code 2 s}, {@code 1 m}, {@code 500 ms}. */
    private static String window(long nanos) {
        long unit = nanos >= TimeUnit.SECONDS.toNanos(1) ? TimeUnit.SECONDS.toNanos(1) : TimeUnit.MILLISECONDS.toNanos(1);
        return Durations.format(Duration.ofNanos(Math.max(1, Math.round((double) nanos / unit)) * unit), " ");
    }

    /** Room left under vm.max_map_count at the peak, -1 if unknown. */
    public long mapCountHeadroom() {
        return peakMapCount < 0 || maxMapCount <= 0 ? -1 : maxMapCount - peakMapCount;
    }

    /** Room left under the cgroup's limit at its peak usage, -1 if unknown or unlimited. */
    public long cgroupHeadroomBytes() {
        return cgroupLimitBytes <= 0 || cgroupPeakUsageBytes < 0 ? -1 : cgroupLimitBytes - cgroupPeakUsageBytes;
    }

    /** The largest of each figure: what one JVM of the fleet needs. */
    public static Capacity largest(List<Capacity> all) {
        return combine("largest of " + all.size() + " recordings", all, true);
    }

    /** The sum of each figure: what the JVMs need if they run on one host at the same time. */
    public static Capacity sum(List<Capacity> all) {
        return combine("sum of " + all.size() + " recordings", all, false);
    }

    private static Capacity combine(String source, List<Capacity> all, boolean largest) {
        return new Capacity(source,
                fold(all, Capacity::peakMappedBytes, largest), fold(all, Capacity::peakUntrackedBytes, largest),
                fold(all, Capacity::peakResidentBytes, largest), fold(all, Capacity::peakPageCacheBytes, largest),
                fold(all, Capacity::workingSetBytes, largest),
                all.stream().map(Capacity::workingSetBasis).distinct().reduce((x, y) -> x + ", " + y).orElse("not measured"),
                fold(all, Capacity::pageCacheNeededBytes, largest), fold(all, Capacity::majorFaults, largest),
                fold(all, Capacity::stallMillis, largest), fold(all, Capacity::peakMapCount, largest),
                fold(all, Capacity::maxMapCount, true), fold(all, Capacity::cgroupLimitBytes, largest),
                fold(all, Capacity::cgroupPeakUsageBytes, largest), fold(all, Capacity::cgroupPeakFileBytes, largest),
                fold(all, Capacity::machinePeakCachedBytes, true));
    }

    /** Largest or sum over the measured values; -1 when none was measured. */
    private static long fold(List<Capacity> all, ToLongFunction<Capacity> figure, boolean largest) {
        long result = -1;
        for (Capacity c : all) {
            long value = figure.applyAsLong(c);
            if (value >= 0) {
                result = result < 0 ? value : largest ? Math.max(result, value) : result + value;
            }
        }
        return result;
    }
}
