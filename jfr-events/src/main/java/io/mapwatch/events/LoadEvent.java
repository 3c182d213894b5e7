package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.LOAD)
@Label("Mapped Load")
@Description("A mapped region was loaded into memory by MappedByteBuffer.load or MemorySegment.load")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(true)
public final class LoadEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the mapped file, null if the mapping is not tracked")
    public String path;

    @Label("Address")
    @Description("Page-aligned start of the kernel mapping, 0 if the mapping is not tracked")
    @MemoryAddress
    public long address;

    @Label("Offset")
    @Description("Offset in the file of the first byte loaded, -1 if the mapping is not tracked")
    @DataAmount
    public long offset;

    @Label("Length")
    @Description("Number of bytes loaded")
    @DataAmount
    public long length;
}
