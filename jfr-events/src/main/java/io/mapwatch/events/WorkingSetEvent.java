package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The pages of one live mapping that this process touched in one window: the kernel's accessed
 * bits of the process's file-mapped pages are cleared when the window begins and read (smaps
 * {@code Referenced}) when it ends. One event per live mapping per window.
 */
@Name(MapwatchEvents.WORKING_SET)
@Label("Working Set")
@Description("Bytes of one live mapping this process touched in a window, from the kernel's accessed bits")
@Category({MapwatchEvents.CATEGORY, "Residency"})
@StackTrace(false)
public final class WorkingSetEvent extends AbstractTrackedMappingEvent {
    @Label("Path")
    @Description("Absolute path of the mapped file")
    public String path;

    @Label("Window")
    @Description("Time from the clear of the accessed bits to their reading, ending at this event")
    @Timespan(Timespan.NANOSECONDS)
    public long window;

    @Label("Referenced")
    @Description("Bytes of the mapping this process read or wrote during the window (smaps Referenced since the clear)")
    @DataAmount
    public long referencedBytes;

    @Label("Resident")
    @Description("Bytes of the mapping in this process's page tables at the end of the window (smaps Rss)")
    @DataAmount
    public long residentBytes;
}
