package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(MapwatchEvents.PAGE_FAULTS)
@Label("Page Faults")
@Description("Page faults of the whole process since the previous sample (the first counts from agent start)")
@Category({MapwatchEvents.CATEGORY, "Faults"})
@StackTrace(false)
public final class PageFaultsEvent extends AbstractPageFaultCountsEvent {
}
