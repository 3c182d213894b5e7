package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;
import jdk.jfr.Timestamp;

/**
 * Every live tracked mapping at the start of every recording chunk, so that a recording started
 * at any time knows what was mapped before it.
 */
@Name(MapwatchEvents.LIVE_MAPPING)
@Label("Live Mapping")
@Description("A mapping the agent saw being made that is still mapped at the start of this chunk")
@Category({MapwatchEvents.CATEGORY, "Lifecycle"})
@StackTrace(false)
@Period("beginChunk")
public final class LiveMappingEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the mapped file, as the channel was opened")
    public String path;

    @Label("Mode")
    @Description("READ_ONLY, READ_WRITE, PRIVATE, READ_ONLY_SYNC or READ_WRITE_SYNC")
    public String mode;

    @Label("API")
    @Description("ByteBuffer for MappedByteBuffer, MemorySegment for a mapped segment")
    public String api;

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
    @Description("Size of the file just before the map, -1 if not taken")
    @DataAmount
    public long fileSize;

    @Label("Mapped At")
    @Description("When the map returned")
    @Timestamp(Timestamp.MILLISECONDS_SINCE_EPOCH)
    public long mappedAt;

    @Label("Mapped From")
    @Description("Where it was mapped: the first frames below the JDK's own, one per line, top first; null if not kept")
    public String mappedFrom;
}
