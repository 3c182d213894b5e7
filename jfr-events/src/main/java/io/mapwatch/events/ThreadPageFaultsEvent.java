package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.THREAD_PAGE_FAULTS)
@Label("Thread Page Faults")
@Description("Page faults of one thread since the previous sample, for threads whose counters moved")
@Category({MapwatchEvents.CATEGORY, "Faults"})
@StackTrace(false)
public final class ThreadPageFaultsEvent extends AbstractPageFaultCountsEvent {
    @Label("OS Thread Id")
    @Description("Native thread id, the same number JFR shows as a thread's OS id")
    public long osThreadId;

    @Label("Thread Name")
    @Description("Name of the thread as the kernel or the JVM knows it")
    public String threadName;
}
