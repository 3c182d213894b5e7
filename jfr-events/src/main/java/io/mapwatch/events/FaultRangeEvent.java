package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * Exact major faults (the kernel's per-fault records, where it allows them): for one thread, one
 * range of one file (or memory that is not a file) and one period, how many faults and how long
 * the thread was seen stalled on them. Aggregated, never one event per fault.
 */
@Name(MapwatchEvents.FAULT_RANGE)
@Label("Fault Range")
@Description("Major faults one thread took on one range of one mapped file in one period, counted exactly")
@Category({MapwatchEvents.CATEGORY, "Faults"})
@StackTrace(false)
public final class FaultRangeEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the file the faulting addresses map; null for memory that is not a file")
    public String path;

    @Label("Tracked")
    @Description("The range lies in a mapping the agent saw being made (else a file mapping it did not see made)")
    public boolean tracked;

    @Label("OS Thread Id")
    @Description("Native thread id, the same number JFR shows as a thread's OS id")
    public long osThreadId;

    @Label("Thread Name")
    @Description("Name of the thread as the kernel knows it")
    public String threadName;

    @Label("Offset")
    @Description("Offset in the file where the range starts; -1 for memory that is not a file")
    @DataAmount
    public long offset;

    @Label("Length")
    @Description("Length of the range: a fixed share of the file's mapped extent")
    @DataAmount
    public long length;

    @Label("Major Faults")
    @Description("Major faults of the thread whose address fell in the range during the interval")
    public long majorFaults;

    @Label("Stall Time")
    @Description("Time the stall watcher saw the thread blocked while these faults were its faults, -1 if not measured")
    @Timespan(Timespan.NANOSECONDS)
    public long stallTime;

    @Label("Interval")
    @Description("Time covered, ending at this event")
    @Timespan(Timespan.NANOSECONDS)
    public long interval;
}
