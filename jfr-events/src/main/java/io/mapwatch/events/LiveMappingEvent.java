package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;

/**
 * Every live tracked mapping at the start of every recording chunk, so that a recording started
 * at any time knows what was mapped before it.
 */
@Name(MapwatchEvents.LIVE_MAPPING)
@Label("Live Mapping")
@Description("A mapping the agent saw being made that is still mapped at the start of this chunk")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(false)
@Period("beginChunk")
public final class LiveMappingEvent extends AbstractMappingEvent {
    @Label("File Size")
    @Description("Size of the file just before the map, -1 if not taken")
    @DataAmount
    public long fileSize;

    @Label("Mapped At")
    @Description("When the map returned")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    public long mappedAt;

    @Label("Mapped From")
    @Description("Where it was mapped: the first frames below the JDK's own, one per line, top first; null if not kept")
    public String mappedFrom;
}
