package io.mapwatch.events;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;

/**
 * A region of mapped memory that {@code force()} or {@code load()} acted on, by the mapping that
 * holds it: the fields that {@link ForceEvent} and {@link LoadEvent} share.
 */
public abstract class AbstractMappedRegionEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the mapped file, null if the mapping is not tracked")
    public String path;

    @Label("Address")
    @Description("Page-aligned start of the kernel mapping, 0 if the mapping is not tracked")
    @MemoryAddress
    public long address;
}
