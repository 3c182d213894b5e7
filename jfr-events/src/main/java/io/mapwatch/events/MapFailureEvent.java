package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.MAP_FAILURE)
@Label("Map Failure")
@Description("FileChannel.map threw instead of mapping the file")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(true)
public final class MapFailureEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the file that could not be mapped")
    public String path;

    @Label("Mode")
    @Description("READ_ONLY, READ_WRITE, PRIVATE, READ_ONLY_SYNC or READ_WRITE_SYNC")
    public String mode;

    @Label("Position")
    @Description("Offset in the file that the caller asked to map")
    @DataAmount
    public long position;

    @Label("Size")
    @Description("Number of bytes the caller asked to map")
    @DataAmount
    public long size;

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
