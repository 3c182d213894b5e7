package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name(MapwatchEvents.UNMAP)
@Label("File Unmapped")
@Description("A mapping made by FileChannel.map was released")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(false)
public final class UnmapEvent extends AbstractTrackedMappingEvent {
    @Label("Path")
    @Description("Absolute path of the file that was mapped")
    public String path;

    @Label("Lifetime")
    @Description("Time from the end of the map to the start of the unmap")
    @Timespan(Timespan.NANOSECONDS)
    public long lifetime;

    @Label("Trigger")
    @Description("GC for a buffer's cleaner, EXPLICIT for Unsafe.invokeCleaner, ARENA for an arena close or an automatic arena")
    public String trigger;
}
