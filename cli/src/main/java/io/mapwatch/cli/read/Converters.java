package io.mapwatch.cli.read;

import io.mapwatch.events.MapwatchEvents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How each event type the analyses need becomes a {@link Fact}: the one table both parsers use
 * (JFR's own and mapwatch's chunk parser), so that they cannot read an event differently.
 */
final class Converters {
    private static final Map<String, Converter> CONVERTERS = converters();

    private Converters() {
    }

    /** Reads one event into its fact. */
    @FunctionalInterface
    interface Converter {
        Fact convert(EventFields event);
    }

    /** The names of the event types that become facts. */
    static Set<String> eventNames() {
        return CONVERTERS.keySet();
    }

    /** The converter of event type {@code name}, or null when that type becomes no fact. */
    static Converter of(String name) {
        return CONVERTERS.get(name);
    }

    private static Map<String, Converter> converters() {
        Map<String, Converter> c = new LinkedHashMap<>();
        c.put(MapwatchEvents.MAP, e -> new Fact.Map(e.startNanos(), e.durationNanos(), e.text("path"),
                e.getLong("mappedSize"), e.getLong("address"), e.getBoolean("fileExtended"), e.stack()));
        c.put(MapwatchEvents.LIVE_MAPPING, e -> new Fact.LiveMapping(e.startNanos(), e.text("path"),
                e.getLong("mappedSize"), e.getLong("address"), e.getInstant("mappedAt"), e.text("mappedFrom")));
        c.put(MapwatchEvents.UNMAP, e -> new Fact.Unmap(e.startNanos(), e.durationNanos(), e.text("path"),
                e.getLong("address"), e.getLong("lifetime"), e.text("trigger")));
        c.put(MapwatchEvents.MAP_FAILURE, e -> new Fact.MapFailure(e.startNanos(), e.text("path"),
                e.text("mode"), e.getLong("size"), e.text("message"), e.getLong("mapCount"),
                e.getLong("maxMapCount"), e.stack()));
        c.put(MapwatchEvents.FORCE, e -> new Fact.Force(e.startNanos(), e.durationNanos(), e.text("path")));
        c.put(MapwatchEvents.LOAD, e -> new Fact.Load(e.startNanos(), e.durationNanos(), e.text("path")));
        c.put(MapwatchEvents.MAPPED_READ, e -> new Fact.MappedAccess(e.startNanos(), e.durationNanos(),
                e.osThreadId("eventThread"), e.text("path"), e.getLong("bytesRead"), false));
        c.put(MapwatchEvents.MAPPED_WRITE, e -> new Fact.MappedAccess(e.startNanos(), e.durationNanos(),
                e.osThreadId("eventThread"), e.text("path"), e.getLong("bytesWritten"), true));
        c.put(MapwatchEvents.MAPPING_RESIDENCY, e -> new Fact.MappingResidency(e.startNanos(), e.text("path"),
                e.getLong("address"), e.getLong("mappedSize"), e.getLong("residentBytes"), e.getLong("pageCacheBytes"),
                new Fact.SmapsFigures(e.getLong("rss"), e.getLong("pss"), e.getLong("sharedClean"),
                        e.getLong("sharedDirty"), e.getLong("privateClean"), e.getLong("privateDirty"),
                        e.getLong("referenced"), e.getLong("swap"))));
        c.put(MapwatchEvents.WORKING_SET, e -> new Fact.WorkingSet(e.startNanos(), e.text("path"), e.getLong("address"),
                e.getLong("mappedSize"), e.getLong("window"), e.getLong("referencedBytes"), e.getLong("residentBytes")));
        c.put(MapwatchEvents.MAPPED_MEMORY, e -> new Fact.MappedMemory(e.startNanos(), e.getLong("trackedCount"),
                e.getLong("trackedBytes"), e.getLong("trackedResidentBytes"), e.getLong("untrackedCount"),
                e.getLong("untrackedBytes"), e.getLong("mapCount"), e.getLong("maxMapCount"), e.getLong("rssFile"),
                e.getLong("rssAnon")));
        c.put(MapwatchEvents.UNTRACKED_MAPPING, e -> new Fact.UntrackedMapping(e.startNanos(), e.text("path"),
                e.getLong("address"), e.getLong("size")));
        c.put(MapwatchEvents.PAGE_FAULTS, e -> new Fact.PageFaults(e.startNanos(), e.getLong("minorFaults"),
                e.getLong("majorFaults")));
        c.put(MapwatchEvents.THREAD_PAGE_FAULTS, e -> new Fact.ThreadPageFaults(e.startNanos(),
                e.getLong("osThreadId"), e.text("threadName"), e.getLong("minorFaults"), e.getLong("majorFaults")));
        c.put(MapwatchEvents.PAGE_FAULT_STALL, e -> new Fact.PageFaultStall(e.startNanos(),
                e.durationNanos(), e.hasField("blockedTime") ? e.getLong("blockedTime") : e.durationNanos(),
                e.getLong("osThreadId"), e.text("threadName"), e.getLong("samples"),
                e.getLong("majorFaults")));
        c.put(MapwatchEvents.FAULT_RANGE, e -> new Fact.FaultRange(e.startNanos(), e.durationNanos(),
                e.text("path"), e.getBoolean("tracked"), e.getLong("osThreadId"), e.text("threadName"),
                e.getLong("offset"), e.getLong("length"), e.getLong("majorFaults"), e.getLong("stallTime"),
                e.getLong("interval")));
        c.put(MapwatchEvents.MEMORY_PRESSURE, e -> new Fact.MemoryPressure(e.startNanos(),
                e.getDouble("psiSomeAvg10"), e.getDouble("psiFullAvg10"), e.getLong("cgroupLimit"),
                e.getLong("cgroupUsage"), e.getLong("cgroupFile"), e.getLong("cgroupRefaults"), e.getLong("cached")));
        c.put(MapwatchEvents.MAPPING_HAZARD, e -> new Fact.MappingHazard(e.startNanos(), e.text("kind"),
                e.text("path"), e.getLong("address"), e.getLong("mappedSize"), e.getLong("fileSize"), e.text("detail")));
        c.put(MapwatchEvents.AGENT_STATUS, e -> new Fact.AgentStatus(e.startNanos(), e.text("version")));
        c.put(MapwatchEvents.SOURCE_STATUS, e -> new Fact.SourceStatus(e.startNanos(), e.text("source"),
                e.text("state"), e.text("reason")));
        c.put("jdk.ExecutionSample", e -> new Fact.ExecutionSample(e.startNanos(), e.osThreadId("sampledThread"),
                e.threadName("sampledThread"), e.stack()));
        c.put("jdk.FileRead", e -> new Fact.FileRead(e.startNanos(), e.durationNanos(), e.text("path"),
                e.getLong("bytesRead")));
        c.put("jdk.JavaErrorThrow", e -> new Fact.ErrorThrown(e.startNanos(), e.osThreadId("eventThread"),
                e.className("thrownClass"), e.text("message"), e.stack()));
        c.put("jdk.JVMInformation", e -> new Fact.JvmIdentity(e.startNanos(), e.getLong("pid"),
                e.getInstant("jvmStartTime")));
        return c;
    }

}
