package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.Set;

/** Memory pressure of the machine and the cgroup, from {@code mapwatch.MemoryPressure}; -1: never measured. */
public final class PressurePeaks implements Aggregator {
    private double peakPsiSome = -1;
    private double peakPsiFull = -1;
    private long refaults = -1;
    private long cgroupLimit = -1;
    private final Peak peakCgroupUsage = new Peak();
    private final Peak peakCgroupFile = new Peak();
    private final Peak peakCached = new Peak();

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.MemoryPressure.class);
    }

    @Override
    public void accept(Fact fact) {
        if (!(fact instanceof Fact.MemoryPressure p)) {
            return;
        }
        peakPsiSome = Math.max(peakPsiSome, p.psiSomeAvg10());
        peakPsiFull = Math.max(peakPsiFull, p.psiFullAvg10());
        refaults = add(refaults, p.cgroupRefaults());
        if (p.cgroupLimit() > 0) {
            cgroupLimit = p.cgroupLimit();
        }
        peakCgroupUsage.offer(p.cgroupUsage());
        peakCgroupFile.offer(p.cgroupFile());
        peakCached.offer(p.cached());
    }

    private static long add(long total, long value) {
        return value < 0 ? total : Math.max(0, total) + value;
    }

    /** Whether any of the pressure sources gave a figure: PSI, the cgroup's usage against its limit, or refaults. */
    public boolean anySource() {
        return peakPsiSome >= 0 || (cgroupLimit > 0 && peakCgroupUsage.value() >= 0) || refaults >= 0;
    }

    /** Largest PSI "some" avg10 of memory, as a fraction (0.05 = 5%), -1 if unavailable. */
    public double peakPsiSome() {
        return peakPsiSome;
    }

    public double peakPsiFull() {
        return peakPsiFull;
    }

    /** Pages of the cgroup read again soon after being evicted, over the recording. */
    public long refaults() {
        return refaults;
    }

    /** The cgroup's memory limit, -1 if unlimited or unknown. */
    public long cgroupLimit() {
        return cgroupLimit;
    }

    public long peakCgroupUsage() {
        return peakCgroupUsage.value();
    }

    public long peakCgroupFile() {
        return peakCgroupFile.value();
    }

    public long peakCached() {
        return peakCached.value();
    }
}
