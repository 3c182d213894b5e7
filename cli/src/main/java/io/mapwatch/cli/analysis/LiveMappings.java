package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The mappings live at the current point of a pass, by address, and the one place that decides
 * which events tell of the same mapping: its Map event, the LiveMapping events that repeat it at the
 * start of every later chunk (or stand for it in a recording that began after it was made), and the
 * Unmap that ends it. It tells its listeners what changed, and at the end which were still live.
 */
public final class LiveMappings implements Aggregator {
    private final Map<Long, RecordedMapping> live = new HashMap<>();
    private final List<MappingListener> listeners = new ArrayList<>();

    void listen(MappingListener listener) {
        listeners.add(listener);
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.Map.class, Fact.LiveMapping.class, Fact.Unmap.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.Map map) {
            begin(RecordedMapping.of(map), map.time());
        } else if (fact instanceof Fact.LiveMapping found) {
            begin(RecordedMapping.of(found), found.time());
        } else if (fact instanceof Fact.Unmap unmap) {
            RecordedMapping mapping = live.remove(unmap.address());
            listeners.forEach(l -> l.unmapped(unmap, mapping));
        }
    }

    private void begin(RecordedMapping mapping, Instant at) {
        RecordedMapping known = live.get(mapping.address());
        boolean same = known != null && known.sameAs(mapping);
        if (same && !mapping.made()) {
            return; // a LiveMapping repeating what the pass knows
        }
        live.put(mapping.address(), mapping);
        if (mapping.made()) {
            listeners.forEach(l -> l.made(mapping));
        }
        if (same) {
            return; // the chunk's LiveMapping was written between the map and the commit of its Map event
        }
        if (known != null) {
            listeners.forEach(l -> l.lost(known, at));
        }
        listeners.forEach(l -> l.live(mapping, at));
    }

    /** The process ended: its mappings were still live then, and are gone with it. */
    @Override
    public void processEnded(Instant at) {
        finish(at);
        live.clear();
    }

    @Override
    public void finish(Instant end) {
        for (RecordedMapping mapping : live.values()) {
            listeners.forEach(l -> l.stillLive(mapping, end));
        }
    }
}
