package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A stretch of the stall watcher's samples of one thread between which it was stalled in page
 * faults: start time is the sample before the first such interval, the duration runs to the
 * sample after the last one (at most about one {@code stalls=} period), and {@code blockedTime}
 * is how much of that the thread spent blocked.
 */
@Name(MapwatchEvents.PAGE_FAULT_STALL)
@Label("Page Fault Stall")
@Description("A thread was blocked in page faults (state D outside any system call) between consecutive samples")
@Category({MapwatchEvents.CATEGORY, "Faults"})
@StackTrace(false)
public final class PageFaultStallEvent extends jdk.jfr.Event {
    @Label("OS Thread Id")
    @Description("Native thread id, the same number JFR shows as a thread's OS id")
    public long osThreadId;

    @Label("Thread Name")
    @Description("Name of the thread as the kernel or the JVM knows it")
    public String threadName;

    @Label("Samples")
    @Description("Intervals between consecutive samples in which the thread was stalled")
    public long samples;

    @Label("Blocked Time")
    @Description("Time the thread spent blocked in the stall: its time off CPU in those intervals (schedstat), or, where the kernel keeps no scheduler statistics, the intervals that began with the thread seen blocked")
    @Timespan(Timespan.NANOSECONDS)
    public long blockedTime;

    @Label("Major Faults")
    @Description("Major faults of the thread during the stall")
    public long majorFaults;
}
