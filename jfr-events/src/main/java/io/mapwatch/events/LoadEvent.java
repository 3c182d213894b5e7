package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.LOAD)
@Label("Mapped Load")
@Description("A mapped region was loaded into memory by MappedByteBuffer.load or MemorySegment.load")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(true)
public final class LoadEvent extends AbstractMappedRegionEvent {
    @Label("Offset")
    @Description("Offset in the file of the first byte loaded, -1 if the mapping is not tracked")
    @DataAmount
    public long offset;

    @Label("Length")
    @Description("Number of bytes loaded")
    @DataAmount
    public long length;
}
