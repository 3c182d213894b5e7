package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MemoryAddress;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.MAPPING_HAZARD)
@Label("Mapping Hazard")
@Description("A condition that will hurt the application: a truncated or deleted mapped file, the map count near its limit, a map that grew a file")
@Category({MapwatchEvents.CATEGORY, "Hazards"})
@StackTrace(false)
public final class MappingHazardEvent extends jdk.jfr.Event {
    @Label("Kind")
    @Description("FILE_TRUNCATED, FILE_DELETED, MAP_COUNT_NEAR_LIMIT or FILE_EXTENDED_BY_MAP")
    public String kind;

    @Label("Path")
    @Description("Absolute path of the mapped file, null for a process-wide hazard")
    public String path;

    @Label("Address")
    @Description("Page-aligned start of the mapping concerned, 0 for a process-wide hazard")
    @MemoryAddress
    public long address;

    @Label("Mapped Size")
    @Description("Length of the mapping concerned, 0 for a process-wide hazard")
    @DataAmount
    public long mappedSize;

    @Label("File Size")
    @Description("Size of the file when the hazard was seen, -1 if not applicable")
    @DataAmount
    public long fileSize;

    @Label("Detail")
    @Description("What was seen, in one sentence")
    public String detail;
}
