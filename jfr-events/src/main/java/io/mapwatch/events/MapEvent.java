package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.MAP)
@Label("File Mapped")
@Description("A file region was memory-mapped by FileChannel.map")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(true)
public final class MapEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the mapped file, as the channel was opened")
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

    @Label("Mapped Size")
    @Description("Length given to mmap: size plus position modulo the page size")
    @DataAmount
    public long mappedSize;

    @Label("Address")
    @Description("Page-aligned start of the kernel mapping, as /proc/self/maps shows it")
    @MemoryAddress
    public long address;

    @Label("File Size")
    @Description("Size of the file just before the map")
    @DataAmount
    public long fileSize;

    @Label("File Extended")
    @Description("The map grew the file because it reached past its end")
    public boolean fileExtended;

    @Label("API")
    @Description("ByteBuffer for MappedByteBuffer, MemorySegment for a mapped segment")
    public String api;
}
