package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Percentage;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** Figures from an unavailable source are -1; zero means measured, none. */
@Name(MapwatchEvents.MEMORY_PRESSURE)
@Label("Memory Pressure")
@Description("Memory stall time, cgroup limits and page cache, sampled periodically")
@Category({MapwatchEvents.CATEGORY, "Pressure"})
@StackTrace(false)
public final class MemoryPressureEvent extends jdk.jfr.Event {
    @Label("PSI Some avg10")
    @Description("Share of the last 10 s in which some task stalled on memory (/proc/pressure/memory), -1 if unavailable")
    @Percentage
    public double psiSomeAvg10;

    @Label("PSI Full avg10")
    @Description("Share of the last 10 s in which all non-idle tasks stalled on memory, -1 if unavailable")
    @Percentage
    public double psiFullAvg10;

    @Label("PSI Some Stall")
    @Description("Time some task stalled on memory since the previous sample, -1 if unavailable")
    @Timespan(Timespan.NANOSECONDS)
    public long psiSomeStall;

    @Label("PSI Full Stall")
    @Description("Time all non-idle tasks stalled on memory since the previous sample, -1 if unavailable")
    @Timespan(Timespan.NANOSECONDS)
    public long psiFullStall;

    @Label("Cgroup Version")
    @Description("1 or 2 for the memory cgroup found, 0 if none")
    public int cgroupVersion;

    @Label("Cgroup Limit")
    @Description("Memory limit of the cgroup, -1 if unlimited or unavailable")
    @DataAmount
    public long cgroupLimit;

    @Label("Cgroup Usage")
    @Description("Memory the cgroup uses now, page cache included, -1 if unavailable")
    @DataAmount
    public long cgroupUsage;

    @Label("Cgroup File")
    @Description("Page cache charged to the cgroup, -1 if unavailable")
    @DataAmount
    public long cgroupFile;

    @Label("Cgroup File Mapped")
    @Description("Page cache charged to the cgroup and mapped by its processes, -1 if unavailable")
    @DataAmount
    public long cgroupFileMapped;

    @Label("Cgroup Refaults")
    @Description("Pages read again soon after the cgroup evicted them, since the previous sample, -1 if unavailable")
    public long cgroupRefaults;

    @Label("Cached")
    @Description("Page cache of the machine (Cached in /proc/meminfo), -1 if unavailable")
    @DataAmount
    public long cached;

    @Label("Mapped")
    @Description("Page cache mapped by processes (Mapped in /proc/meminfo), -1 if unavailable")
    @DataAmount
    public long mapped;

    @Label("Dirty")
    @Description("Modified page cache waiting to be written (Dirty in /proc/meminfo), -1 if unavailable")
    @DataAmount
    public long dirty;

    @Label("Writeback")
    @Description("Page cache being written now (Writeback in /proc/meminfo), -1 if unavailable")
    @DataAmount
    public long writeback;
}
