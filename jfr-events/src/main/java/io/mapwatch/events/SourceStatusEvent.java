package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One per data source, emitted together with every {@code mapwatch.AgentStatus}. */
@Name(MapwatchEvents.SOURCE_STATUS)
@Label("Source Status")
@Description("Whether one of the agent's data sources works, and why not")
@Category({MapwatchEvents.CATEGORY, "Agent"})
@StackTrace(false)
public final class SourceStatusEvent extends jdk.jfr.Event {
    @Label("Source")
    @Description("Name of the data source, such as stalls, maps, pagemap or psi")
    public String source;

    @Label("State")
    @Description("OK, OFF (switched off by an option), UNAVAILABLE (the kernel or JVM does not offer it) or FAILING")
    public String state;

    @Label("Reason")
    @Description("Why the source is off, unavailable or failing; null when OK")
    public String reason;
}
