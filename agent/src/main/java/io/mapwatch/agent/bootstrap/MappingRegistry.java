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

    /**
     * Adds a mapping the kernel just made. Whatever the registry still holds in its range is not live any more:
     * the kernel hands out only free addresses, so an entry there lost its unmap (a native {@code munmap}, a
     * mapping older than a dynamic attach unmapped natively). Such stale entries are dropped, counts and bytes
     * with them, so that the figures stay exact however often an address is reused.
     */
    static void add(Mapping mapping) {
        changes.incrementAndGet();
        dropStale(mapping.address, mapping.end());
        Mapping replaced = LIVE.put(mapping.address, mapping);
        if (replaced != null) {
            dropped(replaced);
        }
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
            dropped(mapping);
        }
        return mapping;
    }

    /** Drops every entry that overlaps {@code [start, end)}; an entry removed meanwhile by another thread is its. */
    private static void dropStale(long start, long end) {
        Map.Entry<Long, Mapping> below = LIVE.lowerEntry(start);
        if (below != null && below.getValue().end() > start && LIVE.remove(below.getKey(), below.getValue())) {
            dropped(below.getValue());
        }
        for (Map.Entry<Long, Mapping> inside : LIVE.subMap(start, end).entrySet()) {
            if (LIVE.remove(inside.getKey(), inside.getValue())) {
                dropped(inside.getValue());
            }
        }
    }

    /** Accounts for a mapping that left the registry. */
    private static void dropped(Mapping mapping) {
        changes.incrementAndGet();
        mapping.unmapped = true;
        if (!mapping.own) {
            trackedCount.decrementAndGet();
            trackedBytes.addAndGet(-mapping.mappedSize);
        }
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
