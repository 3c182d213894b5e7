package io.mapwatch.events;

import jdk.jfr.Event;

import java.util.List;

/**
 * Every mapwatch event class. The agent registers them all when JFR starts, so that every
 * recording declares every mapwatch event type, fired or not: a reader can tell "enabled, none
 * happened" from "not recorded". Apart from {@link MapwatchEvents} so that reading a name
 * constant does not load every event class.
 */
public final class MapwatchEventTypes {
    public static final List<Class<? extends Event>> ALL = List.of(
            MapEvent.class, MapFailureEvent.class, UnmapEvent.class, ForceEvent.class, LoadEvent.class,
            MappedReadEvent.class, MappedWriteEvent.class, LiveMappingEvent.class,
            MappingResidencyEvent.class, WorkingSetEvent.class, MappedMemoryEvent.class, UntrackedMappingEvent.class,
            PageFaultsEvent.class, ThreadPageFaultsEvent.class, PageFaultStallEvent.class, FaultRangeEvent.class,
            MemoryPressureEvent.class, MappingHazardEvent.class,
            AgentStatusEvent.class, SourceStatusEvent.class, SamplerStatusEvent.class);

    private MapwatchEventTypes() {
    }
}
