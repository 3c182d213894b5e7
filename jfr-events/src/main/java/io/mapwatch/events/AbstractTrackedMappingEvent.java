package io.mapwatch.events;

import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;

/**
 * A mapping the agent tracks, by where the kernel put it: the fields that {@link UnmapEvent},
 * {@link MappingResidencyEvent} and {@link WorkingSetEvent} share.
 */
public abstract class AbstractTrackedMappingEvent extends jdk.jfr.Event {
    @Label("Address")
    @Description("Page-aligned start of the kernel mapping")
    @MemoryAddress
    public long address;

    @Label("Mapped Size")
    @Description("Length that was given to mmap")
    @DataAmount
    public long mappedSize;
}
