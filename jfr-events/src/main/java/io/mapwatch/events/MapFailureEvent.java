package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.MAP_FAILURE)
@Label("Map Failure")
@Description("FileChannel.map threw instead of mapping the file")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(true)
public final class MapFailureEvent extends AbstractMapRequestEvent {
    @Label("Path")
    @Description("Absolute path of the file that could not be mapped")
    public String path;

    @Label("Message")
    @Description("Class and message of the exception the map threw, with its cause")
    public String message;

    @Label("Map Count")
    @Description("Mappings of the process when the map failed, -1 if unknown")
    public long mapCount;

    @Label("Max Map Count")
    @Description("The vm.max_map_count limit, -1 if unknown")
    public long maxMapCount;
}
