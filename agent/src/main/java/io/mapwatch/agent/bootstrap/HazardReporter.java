package io.mapwatch.agent.bootstrap;

import io.mapwatch.events.MappingHazardEvent;

import java.util.concurrent.atomic.AtomicLong;

/** Emits {@code mapwatch.MappingHazard} and counts hazards for JMX readers. */
public final class HazardReporter {
    private static final AtomicLong seen = new AtomicLong();

    private HazardReporter() {
    }

    /** Reports a hazard of a mapping; {@code mapping} null for a process-wide one. */
    public static void report(String kind, Mapping mapping, long fileSize, String detail) {
        seen.incrementAndGet();
        MappingHazardEvent event = new MappingHazardEvent();
        if (event.isEnabled()) {
            event.kind = kind;
            event.path = mapping == null ? null : mapping.path;
            event.address = mapping == null ? 0 : mapping.address;
            event.mappedSize = mapping == null ? 0 : mapping.mappedSize;
            event.fileSize = fileSize;
            event.detail = detail;
            event.commit();
        }
    }

    /** Hazards seen since the agent started. */
    public static long count() {
        return seen.get();
    }
}
