package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

@Name(MapwatchEvents.MAPPED_READ)
@Label("Mapped Read")
@Description("A bulk copy out of mapped memory that took longer than the threshold")
@Category({MapwatchEvents.CATEGORY, "Access"})
@StackTrace(true)
@Threshold("20 ms")
public final class MappedReadEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the mapped file, null if the mapping is not tracked")
    public String path;

    @Label("Offset")
    @Description("Offset in the file of the first byte read, -1 if the mapping is not tracked")
    @DataAmount
    public long offset;

    @Label("Bytes Read")
    @Description("Number of bytes copied out of the mapping")
    @DataAmount
    public long bytesRead;
}
