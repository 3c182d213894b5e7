package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One per scheduled sampler, emitted together with every {@code mapwatch.AgentStatus}. */
@Name(MapwatchEvents.SAMPLER_STATUS)
@Label("Sampler Status")
@Description("The period a sampler runs at and what its passes cost since the previous status")
@Category({MapwatchEvents.CATEGORY, "Agent"})
@StackTrace(false)
public final class SamplerStatusEvent extends jdk.jfr.Event {
    @Label("Sampler")
    @Description("Name of the sampler, such as faults, stalls, inventory, pressure, residency or smaps")
    public String sampler;

    @Label("Period")
    @Description("Period in effect: the configured one, or longer when the agent stretched it")
    @Timespan(Timespan.NANOSECONDS)
    public long period;

    @Label("Configured Period")
    @Description("Period given by the option, or its default")
    @Timespan(Timespan.NANOSECONDS)
    public long configuredPeriod;

    @Label("Passes")
    @Description("Passes the sampler made since the previous status")
    public long passes;

    @Label("CPU Time")
    @Description("CPU time of those passes, -1 if the JVM does not measure thread CPU time")
    @Timespan(Timespan.NANOSECONDS)
    public long cpuTime;

    @Label("Adjustment")
    @Description("Why the period was stretched; null when it runs at its configured period")
    public String adjustment;
}
