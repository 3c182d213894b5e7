package io.mapwatch.agent.tooling.jmx;

/**
 * The agent's current totals as JMX shows them, registered as {@value #OBJECT_NAME}. Every
 * attribute is a long; -1 means not measured (yet, or at all: its sampler is off or its /proc
 * source cannot be read), 0 means measured, none. Units and meanings: docs/jmx.md.
 *
 * <p>Public, and defined by the agent's own class loader: JMX introspects it by reflection from
 * {@code java.management}, which can read every public type of an unnamed module.
 */
public interface MappedMemoryMXBean {
    String OBJECT_NAME = "io.mapwatch:type=MappedMemory";

    long getTrackedMappings();

    long getTrackedBytes();

    long getResidentBytes();

    long getPageCacheBytes();

    long getUntrackedMappings();

    long getUntrackedBytes();

    long getMapCount();

    long getMaxMapCount();

    long getMajorFaults();

    long getMinorFaults();

    long getStallMillis();

    long getHazards();
}
