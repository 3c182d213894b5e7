package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name(MapwatchEvents.AGENT_STATUS)
@Label("Agent Status")
@Description("What the mapwatch agent runs with and what it could instrument")
@Category({MapwatchEvents.CATEGORY, "Agent"})
@StackTrace(false)
public final class AgentStatusEvent extends jdk.jfr.Event {
    @Label("Version")
    @Description("mapwatch agent version")
    public String version;

    @Label("Java Version")
    @Description("java.runtime.version of the JVM the agent is in")
    public String javaVersion;

    @Label("Options")
    @Description("Effective agent options, key=value separated by commas")
    public String options;

    @Label("Instrumented")
    @Description("JDK methods the agent instruments, separated by commas")
    public String instrumented;

    @Label("Not Instrumented")
    @Description("Targets that could not be instrumented, with the reason, separated by semicolons")
    public String notInstrumented;

    @Label("Sources")
    @Description("Each data source with ok or the reason it is unavailable, separated by commas")
    public String sources;

    @Label("Adjustments")
    @Description("Sampler periods the agent stretched because a pass took more than 10% of its period, with the reason")
    public String adjustments;

    @Label("Sampler CPU Time")
    @Description("CPU time the agent's sampler threads used since the previous status, -1 if unknown")
    @Timespan(Timespan.NANOSECONDS)
    public long samplerCpuTime;

    @Label("Sampler CPU Time by Task")
    @Description("CPU time of each sampler's passes since the previous status, as name=milliseconds separated by commas")
    public String samplerCpuByTask;

    @Label("Interval")
    @Description("Time since the previous status event, 0 for the first")
    @Timespan(Timespan.NANOSECONDS)
    public long interval;

    @Label("Own Maps")
    @Description("Maps made by the agent or by JFR itself, not emitted as mapwatch.Map")
    public long ownMaps;
}
