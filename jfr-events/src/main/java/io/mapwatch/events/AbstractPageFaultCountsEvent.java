package io.mapwatch.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Timespan;

/**
 * Page faults counted since the previous sample: the fields that the process's counts
 * ({@link PageFaultsEvent}) and a thread's ({@link ThreadPageFaultsEvent}) share.
 */
public abstract class AbstractPageFaultCountsEvent extends jdk.jfr.Event {
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
