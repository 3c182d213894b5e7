package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import io.mapwatch.events.MapwatchEvents;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Where mappings are made (the application frame of each map's stack) and how they end. */
public final class AllocationSites implements Aggregator {
    /** The site of maps whose stack has no application frame (or no stack). */
    public static final String NO_SITE = "(no application frame)";

    private final LiveMappings live;
    private final StackFrames frames;
    private final Map<String, Site> bySite = new HashMap<>();

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

    public AllocationSites(LiveMappings live, StackFrames frames) {
        this.live = live;
        this.frames = frames;
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.Map.class, Fact.Unmap.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.Map map) {
            Site site = siteOf(map);
            site.maps++;
            site.mappedBytes += map.mappedSize();
        } else if (fact instanceof Fact.Unmap unmap) {
            Fact.Map mapped = live.get(unmap.address());
            if (mapped == null) {
                return;
            }
            Site site = siteOf(mapped);
            site.lifetimeNanos += Math.max(0, unmap.lifetimeNanos());
            switch (String.valueOf(unmap.trigger())) {
                case MapwatchEvents.TRIGGER_GC -> site.gcUnmaps++;
                case MapwatchEvents.TRIGGER_ARENA -> site.arenaUnmaps++;
                default -> site.explicitUnmaps++;
            }
        }
    }

    @Override
    public void processEnded(Instant at) {
        finish(at);
    }

    @Override
    public void finish(Instant end) {
        for (Fact.Map map : live.all()) {
            Site site = siteOf(map);
            site.liveAtEnd++;
            site.liveBytesAtEnd += map.mappedSize();
        }
    }

    private Site siteOf(Fact.Map map) {
        String frame = frames.applicationFrame(map.stack());
        String key = frame == null ? NO_SITE : frame;
        return bySite.computeIfAbsent(key, k -> new Site(k, frames.describe(map.stack())));
    }

    /** Sites, the most bytes mapped first. */
    public List<Site> sites() {
        List<Site> sites = new ArrayList<>(bySite.values());
        sites.sort(Comparator.comparingLong((Site s) -> s.mappedBytes).reversed().thenComparing(s -> s.frame));
        return sites;
    }
}
