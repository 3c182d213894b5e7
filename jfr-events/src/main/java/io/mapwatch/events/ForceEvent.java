package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.FORCE)
@Label("Mapped Force")
@Description("Changes in a mapped region were written to storage (msync), by MappedByteBuffer.force or MemorySegment.force")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(true)
public final class ForceEvent extends AbstractMappedRegionEvent {
    @Label("Offset")
    @Description("Offset in the file of the first byte forced, -1 if the mapping is not tracked")
    @DataAmount
    public long offset;

    @Label("Length")
    @Description("Number of bytes forced")
    @DataAmount
    public long length;
}
