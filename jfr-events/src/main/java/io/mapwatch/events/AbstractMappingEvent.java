package io.mapwatch.events;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;

/**
 * One mapping a {@code FileChannel.map} call made, as it was made: the fields that
 * {@link MapEvent} (when it is made) and {@link LiveMappingEvent} (while it lives) share.
 */
public abstract class AbstractMappingEvent extends AbstractMapRequestEvent {
    @Label("Path")
    @Description("Absolute path of the mapped file, as the channel was opened")
    public String path;

    @Label("API")
    @Description("ByteBuffer for MappedByteBuffer, MemorySegment for a mapped segment")
    public String api;

    @Label("Mapped Size")
    @Description("Length given to mmap: size plus position modulo the page size")
    @DataAmount
    public long mappedSize;

    @Label("Address")
    @Description("Page-aligned start of the kernel mapping, as /proc/self/maps shows it")
    @MemoryAddress
    public long address;
}
