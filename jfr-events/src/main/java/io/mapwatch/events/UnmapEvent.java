package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name(MapwatchEvents.UNMAP)
@Label("File Unmapped")
@Description("A mapping made by FileChannel.map was released")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(false)
public final class UnmapEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the file that was mapped")
    public String path;

    @Label("Address")
    @Description("Page-aligned start of the kernel mapping")
    @MemoryAddress
    public long address;

    @Label("Mapped Size")
    @Description("Length that was given to mmap")
    @DataAmount
    public long mappedSize;

    @Label("Lifetime")
    @Description("Time from the end of the map to the start of the unmap")
    @Timespan(Timespan.NANOSECONDS)
    public long lifetime;

    @Label("Trigger")
    @Description("GC for a buffer's cleaner, EXPLICIT for Unsafe.invokeCleaner, ARENA for an arena close or an automatic arena")
    public String trigger;
}
