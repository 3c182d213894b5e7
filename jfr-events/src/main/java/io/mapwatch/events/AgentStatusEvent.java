package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name(MapwatchEvents.AGENT_STATUS)
@Label("Agent Status")
@Description("What the mapwatch agent runs with and what it could instrument; mapwatch.SourceStatus and mapwatch.SamplerStatus events of the same moment follow it")
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

    @Label("Sampler CPU Time")
    @Description("CPU time the agent's sampler threads used since the previous status, -1 if unknown")
    @Timespan(Timespan.NANOSECONDS)
    public long samplerCpuTime;

    @Label("Interval")
    @Description("Time since the previous status event, 0 for the first")
    @Timespan(Timespan.NANOSECONDS)
    public long interval;

    @Label("Own Maps")
    @Description("Maps made by the agent or by JFR itself since the start, not emitted as mapwatch.Map")
    public long ownMaps;

    @Label("Own Mappings")
    @Description("Live mappings of the agent's own files and of JFR's repository at the last inventory, -1 if not measured")
    public long ownMappings;

    @Label("Own Mapped Bytes")
    @Description("Size of those mappings, -1 if not measured")
    @DataAmount
    public long ownMappedBytes;

    @Label("Exact Threads Covered")
    @Description("Threads given perf events when the exact mode started (they and the threads they start are covered), -1 when it does not run")
    public long exactThreadsCovered;

    @Label("Exact Threads Uncovered")
    @Description("Threads that existed when the exact mode started and got no perf events (they and the threads they start are not covered), -1 when it does not run")
    public long exactThreadsUncovered;

    @Label("Exact Faults Lost")
    @Description("Major faults the kernel could not record because a perf buffer was full, since the exact mode started, -1 when it does not run")
    public long exactFaultsLost;
}
