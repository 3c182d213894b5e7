package io.mapwatch.events;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** Figures not measured in a sample are -1; zero means measured, none. */
@Name(MapwatchEvents.MAPPING_RESIDENCY)
@Label("Mapping Residency")
@Description("How much of one live mapping is in memory, sampled periodically")
@Category({MapwatchEvents.CATEGORY, "Residency"})
@StackTrace(false)
public final class MappingResidencyEvent extends AbstractTrackedMappingEvent {
    @Label("Path")
    @Description("Absolute path of the mapped file")
    public String path;

    @Label("Resident")
    @Description("Bytes of the range mapped into this process now (pagemap present bits), -1 if not measured")
    @DataAmount
    public long residentBytes;

    @Label("In Page Cache")
    @Description("Bytes of the range in the page cache, mapped here or not (cachestat, else mincore), -1 if not measured")
    @DataAmount
    public long pageCacheBytes;

    @Label("Dirty")
    @Description("Bytes of the file range in the page cache modified and not yet written back (cachestat), -1 if not measured")
    @DataAmount
    public long dirty;

    @Label("Writeback")
    @Description("Bytes of the file range being written to disk now (cachestat), -1 if not measured")
    @DataAmount
    public long writeback;

    @Label("Evicted")
    @Description("Bytes of the file range the page cache held once and dropped (cachestat), -1 if not measured")
    @DataAmount
    public long evicted;

    @Label("Recently Evicted")
    @Description("Bytes of the file range dropped so recently that reading them again is a refault: the cache is too small for the file (cachestat), -1 if not measured")
    @DataAmount
    public long recentlyEvicted;

    @Label("RSS")
    @Description("Resident set of the mapping from smaps, -1 between smaps passes")
    @DataAmount
    public long rss;

    @Label("PSS")
    @Description("Proportional set size from smaps: resident bytes divided among the processes sharing them, -1 between smaps passes")
    @DataAmount
    public long pss;

    @Label("Shared Clean")
    @Description("Clean resident bytes also mapped by another process, -1 between smaps passes")
    @DataAmount
    public long sharedClean;

    @Label("Shared Dirty")
    @Description("Modified resident bytes also mapped by another process, -1 between smaps passes")
    @DataAmount
    public long sharedDirty;

    @Label("Private Clean")
    @Description("Clean resident bytes mapped only by this process, -1 between smaps passes")
    @DataAmount
    public long privateClean;

    @Label("Private Dirty")
    @Description("Modified resident bytes mapped only by this process, -1 between smaps passes")
    @DataAmount
    public long privateDirty;

    @Label("Referenced")
    @Description("Resident bytes the kernel saw accessed recently, -1 between smaps passes")
    @DataAmount
    public long referenced;

    @Label("Swap")
    @Description("Bytes of the mapping in swap (private copies of a PRIVATE mapping), -1 between smaps passes")
    @DataAmount
    public long swap;
}
