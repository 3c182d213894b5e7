package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.MAP)
@Label("File Mapped")
@Description("A file region was memory-mapped by FileChannel.map")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(true)
public final class MapEvent extends AbstractMappingEvent {
    @Label("File Size")
    @Description("Size of the file just before the map")
    @DataAmount
    public long fileSize;

    @Label("File Extended")
    @Description("The map grew the file because it reached past its end")
    public boolean fileExtended;
}
