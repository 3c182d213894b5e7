package io.mapwatch.agent.tooling.jmx;

import io.mapwatch.agent.bootstrap.HazardReporter;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.agent.tooling.sampling.Totals;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.StandardMBean;
import java.util.Map;

/**
 * The MXBean behind {@value MappedMemoryMXBean#OBJECT_NAME}: each read returns the registry's
 * live figures or the samplers' latest, and each attribute carries a description with its unit,
 * which JConsole shows and the exporters use as help text.
 */
final class MappedMemory extends StandardMBean implements MappedMemoryMXBean {
    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("TrackedMappings", "Live file mappings the agent saw being made (count)"),
            Map.entry("TrackedBytes", "Sum of mappedSize over the tracked mappings (bytes)"),
            Map.entry("ResidentBytes", "Tracked mappings' pages mapped into this process, from pagemap (bytes; -1 not measured)"),
            Map.entry("PageCacheBytes", "Tracked mappings' pages in the page cache, from mincore (bytes; -1 not measured)"),
            Map.entry("UntrackedMappings", "File mappings in /proc/self/maps the agent did not see made (count; -1 not measured)"),
            Map.entry("UntrackedBytes", "Size of the untracked file mappings (bytes; -1 not measured)"),
            Map.entry("MapCount", "Lines of /proc/self/maps: every mapping of the process, files or not (count; -1 not measured)"),
            Map.entry("MaxMapCount", "vm.max_map_count, the kernel's limit for MapCount (count; -1 not measured)"),
            Map.entry("MajorFaults", "Major page faults of the process since the agent started (counter; -1 not measured)"),
            Map.entry("MinorFaults", "Minor page faults of the process since the agent started (counter; -1 not measured)"),
            Map.entry("StallMillis", "Time threads were seen blocked in page faults since the agent started "
                    + "(counter, milliseconds; -1 not measured)"),
            Map.entry("Hazards", "Mapping hazards reported since the agent started (counter)"));

    private final Totals totals;

    MappedMemory(Totals totals) {
        super(MappedMemoryMXBean.class, true);
        this.totals = totals;
    }

    @Override
    public long getTrackedMappings() {
        return MappingRegistry.trackedCount();
    }

    @Override
    public long getTrackedBytes() {
        return MappingRegistry.trackedBytes();
    }

    @Override
    public long getResidentBytes() {
        return totals.residentBytes();
    }

    @Override
    public long getPageCacheBytes() {
        return totals.pageCacheBytes();
    }

    @Override
    public long getUntrackedMappings() {
        return totals.untrackedCount();
    }

    @Override
    public long getUntrackedBytes() {
        return totals.untrackedBytes();
    }

    @Override
    public long getMapCount() {
        return totals.mapCount();
    }

    @Override
    public long getMaxMapCount() {
        return totals.maxMapCount();
    }

    @Override
    public long getMajorFaults() {
        return totals.majorFaults();
    }

    @Override
    public long getMinorFaults() {
        return totals.minorFaults();
    }

    @Override
    public long getStallMillis() {
        return totals.stallMillis();
    }

    @Override
    public long getHazards() {
        return HazardReporter.count();
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return "mapwatch: memory-mapped files of this JVM";
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return DESCRIPTIONS.getOrDefault(info.getName(), info.getDescription());
    }
}
