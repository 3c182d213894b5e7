package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import io.mapwatch.events.MapwatchEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where mappings are made (the application frame of each map's stack, or of the frames a
 * LiveMapping kept) and how they end.
 */
public final class AllocationSites implements MappingListener {
    /** The site of maps whose stack has no application frame (or no stack). */
    public static final String NO_SITE = "(no application frame)";

    private final StackFrames frames;
    private final Map<String, Site> bySite = new HashMap<>();
    /** The site of the last stack asked for: the maps of a chunk share their stack object, and a map's unmap follows it. */
    private Fact.Stack lastStack;
    private Site lastSite;

    /** One place in the code that maps files. */
    public static final class Site {
        public final String frame;
        public final List<String> stack;
        public long maps;
        public long mappedBytes;
        public long gcUnmaps;
        public long explicitUnmaps;
        public long arenaUnmaps;
        public long liveAtEnd;
        public long liveBytesAtEnd;
        long lifetimeNanos;

        Site(String frame, List<String> stack) {
            this.frame = frame;
            this.stack = stack;
        }

        public long unmaps() {
            return gcUnmaps + explicitUnmaps + arenaUnmaps;
        }

        /** Average lifetime of the mappings unmapped, -1 when none was. */
        public long averageLifetimeNanos() {
            return unmaps() == 0 ? -1 : lifetimeNanos / unmaps();
        }
    }

    AllocationSites(StackFrames frames) {
        this.frames = frames;
    }

    @Override
    public void made(RecordedMapping mapping) {
        Site site = siteOf(mapping);
        site.maps++;
        site.mappedBytes += mapping.mappedSize();
    }

    @Override
    public void unmapped(Fact.Unmap unmap, RecordedMapping mapping) {
        if (mapping == null) {
            return;
        }
        Site site = siteOf(mapping);
        site.lifetimeNanos += Math.max(0, unmap.lifetimeNanos());
        switch (String.valueOf(unmap.trigger())) {
            case MapwatchEvents.TRIGGER_GC -> site.gcUnmaps++;
            case MapwatchEvents.TRIGGER_ARENA -> site.arenaUnmaps++;
            default -> site.explicitUnmaps++;
        }
    }

    @Override
    public void stillLive(RecordedMapping mapping, Instant end) {
        Site site = siteOf(mapping);
        site.liveAtEnd++;
        site.liveBytesAtEnd += mapping.mappedSize();
    }

    private Site siteOf(RecordedMapping mapping) {
        if (mapping.stack() != null && mapping.stack() == lastStack) {
            return lastSite;
        }
        String frame = frames.applicationFrame(mapping);
        String key = frame == null ? NO_SITE : frame;
        Site site = bySite.get(key);
        if (site == null) { // not computeIfAbsent: its lambda would capture the mapping, an allocation per map
            site = new Site(key, frames.describe(mapping));
            bySite.put(key, site);
        }
        lastStack = mapping.stack();
        lastSite = site;
        return site;
    }

    /** Sites, the most bytes mapped first. */
    public List<Site> sites() {
        List<Site> sites = new ArrayList<>(bySite.values());
        sites.sort(Comparator.comparingLong((Site s) -> s.mappedBytes).reversed().thenComparing(s -> s.frame));
        return sites;
    }
}
