package io.mapwatch.agent.bootstrap;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live mappings keyed by their page-aligned address. Lock-free on every path: removal runs in
 * the JDK's cleaner threads, where blocking or throwing would hurt the whole JVM.
 */
public final class MappingRegistry {
    private static final ConcurrentSkipListMap<Long, Mapping> LIVE = new ConcurrentSkipListMap<>();
    private static final AtomicLong trackedCount = new AtomicLong();
    private static final AtomicLong trackedBytes = new AtomicLong();
    private static final AtomicLong ownMaps = new AtomicLong();

    private MappingRegistry() {
    }

    static void add(Mapping mapping) {
        LIVE.put(mapping.address, mapping);
        if (mapping.own) {
            ownMaps.incrementAndGet();
        } else {
            trackedCount.incrementAndGet();
            trackedBytes.addAndGet(mapping.mappedSize);
        }
    }

    /** Removes the mapping that starts at {@code address}; null if the agent did not see it made. */
    static Mapping remove(long address) {
        Mapping mapping = LIVE.remove(address);
        if (mapping != null) {
            mapping.unmapped = true;
            if (!mapping.own) {
                trackedCount.decrementAndGet();
                trackedBytes.addAndGet(-mapping.mappedSize);
            }
        }
        return mapping;
    }

    /** The live mapping that contains {@code memoryAddress}, or null. */
    public static Mapping containing(long memoryAddress) {
        Map.Entry<Long, Mapping> floor = LIVE.floorEntry(memoryAddress);
        if (floor == null) {
            return null;
        }
        Mapping mapping = floor.getValue();
        return memoryAddress < mapping.end() ? mapping : null;
    }

    /** A weakly consistent view of the live mappings, own ones included, in address order. */
    public static Collection<Mapping> live() {
        return Collections.unmodifiableCollection(LIVE.values());
    }

    /** Live mappings the application made (the agent's and JFR's own excluded). */
    public static long trackedCount() {
        return trackedCount.get();
    }

    /** Sum of {@code mappedSize} over {@link #trackedCount()} mappings. */
    public static long trackedBytes() {
        return trackedBytes.get();
    }

    /** Maps made by the agent or by JFR since start. */
    public static long ownMaps() {
        return ownMaps.get();
    }
}
