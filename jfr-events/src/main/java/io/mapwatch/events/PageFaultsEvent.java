package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name(MapwatchEvents.PAGE_FAULTS)
@Label("Page Faults")
@Description("Page faults of the whole process since the previous sample (the first counts from agent start)")
@Category({MapwatchEvents.CATEGORY, "Faults"})
@StackTrace(false)
public final class PageFaultsEvent extends jdk.jfr.Event {
    @Label("Minor Faults")
    @Description("Faults served without I/O, since the previous sample")
    public long minorFaults;

    @Label("Major Faults")
    @Description("Faults that waited for I/O, since the previous sample")
    public long majorFaults;

    @Label("Interval")
    @Description("Time since the previous sample")
    @Timespan(Timespan.NANOSECONDS)
    public long interval;
}
