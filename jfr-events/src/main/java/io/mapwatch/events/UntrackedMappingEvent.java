package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.UNTRACKED_MAPPING)
@Label("Untracked Mapping")
@Description("A file mapping that no instrumented call made: the JVM's own, a JNI library's, or one older than a dynamic attach")
@Category({MapwatchEvents.CATEGORY, "Process"})
@StackTrace(false)
public final class UntrackedMappingEvent extends jdk.jfr.Event {
    @Label("Path")
    @Description("Absolute path of the mapped file, without a (deleted) suffix")
    public String path;

    @Label("Address")
    @Description("Start of the mapping in /proc/self/maps")
    @MemoryAddress
    public long address;

    @Label("Size")
    @Description("Length of the mapping")
    @DataAmount
    public long size;

    @Label("Offset")
    @Description("Offset in the file of the mapping's first byte")
    @DataAmount
    public long offset;

    @Label("Permissions")
    @Description("Permissions as /proc/self/maps shows them, such as r--s or r-xp")
    public String permissions;
}
