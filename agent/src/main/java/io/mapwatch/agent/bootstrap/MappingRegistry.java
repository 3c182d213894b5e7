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
    private static final AtomicLong changes = new AtomicLong();
    private static final Runnable NO_LISTENER = () -> { };
    private static volatile Runnable mapListener = NO_LISTENER;

    private MappingRegistry() {
    }

    static void add(Mapping mapping) {
        changes.incrementAndGet();
        LIVE.put(mapping.address, mapping);
        if (mapping.own) {
            ownMaps.incrementAndGet();
        } else {
            trackedCount.incrementAndGet();
            trackedBytes.addAndGet(mapping.mappedSize);
            mapListener.run();
        }
    }

    /**
     * {@code listener} runs on the mapping thread after each map of the application: the samplers'
     * cue that faults on a new mapping may follow. It must be cheap and must not throw.
     */
    public static void onMap(Runnable listener) {
        mapListener = listener == null ? NO_LISTENER : listener;
    }

    /** Removes the mapping that starts at {@code address}; null if the agent did not see it made. */
    static Mapping remove(long address) {
        Mapping mapping = LIVE.remove(address);
        if (mapping != null) {
            changes.incrementAndGet();
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

    /** Counts every add and remove: a sampler that saw the same number saw the same mappings. */
    public static long changes() {
        return changes.get();
    }

    /** Maps made by the agent or by JFR since start. */
    public static long ownMaps() {
        return ownMaps.get();
    }
}
