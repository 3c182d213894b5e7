package io.mapwatch.agent.tooling;

import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.events.LiveMappingEvent;

/**
 * {@code mapwatch.LiveMapping} for every live mapping the application made, run by JFR at the
 * start of every chunk: a recording started at any time, and every chunk of a rotating one, knows
 * what was mapped before it.
 */
final class LiveMappings implements Runnable {
    @Override
    public void run() {
        for (Mapping mapping : MappingRegistry.live()) {
            if (mapping.own || mapping.isUnmapped()) {
                continue;
            }
            LiveMappingEvent event = new LiveMappingEvent();
            mapping.describe(event);
            event.fileSize = mapping.fileSizeAtMap;
            event.mappedAt = mapping.mappedAtMillis;
            event.mappedFrom = mapping.mappedFrom;
            event.commit();
        }
    }
}
