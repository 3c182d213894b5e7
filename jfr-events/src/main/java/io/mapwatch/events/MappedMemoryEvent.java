package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Figures not measured in a sample are -1; zero means measured, none. */
@Name(MapwatchEvents.MAPPED_MEMORY)
@Label("Mapped Memory")
@Description("Totals of the process's file mappings, sampled periodically")
@Category({MapwatchEvents.CATEGORY, "Process"})
@StackTrace(false)
public final class MappedMemoryEvent extends jdk.jfr.Event {
    @Label("Tracked Mappings")
    @Description("Live mappings the agent saw being made")
    public long trackedCount;

    @Label("Tracked Size")
    @Description("Sum of mappedSize over the tracked mappings")
    @DataAmount
    public long trackedBytes;

    @Label("Tracked Resident")
    @Description("Resident bytes of the tracked mappings at their last residency sample, -1 if none was taken")
    @DataAmount
    public long trackedResidentBytes;

    @Label("Untracked Mappings")
    @Description("File mappings in /proc/self/maps that no instrumented call made (JVM, JNI libraries)")
    public long untrackedCount;

    @Label("Untracked Size")
    @Description("Size of the untracked file mappings")
    @DataAmount
    public long untrackedBytes;

    @Label("Map Count")
    @Description("All mappings of the process (lines of /proc/self/maps)")
    public long mapCount;

    @Label("Max Map Count")
    @Description("The vm.max_map_count limit, -1 if unknown")
    public long maxMapCount;

    @Label("RSS File")
    @Description("Resident file-backed memory of the process (RssFile in /proc/self/status)")
    @DataAmount
    public long rssFile;

    @Label("RSS Anon")
    @Description("Resident anonymous memory of the process (RssAnon in /proc/self/status)")
    @DataAmount
    public long rssAnon;
}
