package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Start time is the first sample that saw the thread blocked; the duration runs to the first
 * sample that saw it running again.
 */
@Name(MapwatchEvents.PAGE_FAULT_STALL)
@Label("Page Fault Stall")
@Description("A thread was seen blocked in a page fault (state D outside any system call) in consecutive samples")
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
    @Description("Consecutive samples that saw the thread blocked in a fault")
    public long samples;

    @Label("Major Faults")
    @Description("Major faults of the thread during the stall")
    public long majorFaults;
}
