package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The mappings live at the current point of a pass, by address, and the one place that decides
 * which events tell of the same mapping: its Map event, the LiveMapping events that repeat it at the
 * start of every later chunk (or stand for it in a recording that began after it was made), and the
 * Unmap that ends it. It tells its listeners what changed, and at the end which were still live.
 * Before a time window opens it only follows the mappings, telling no one; when the window opens,
 * what is live then is told as found live, as a recording that began then would have told it.
 */
public final class LiveMappings implements Aggregator {
    private final MappingsByAddress live = new MappingsByAddress();
    private final List<MappingListener> listeners = new ArrayList<>();
    /** Whether the pass is before the window: mappings are followed, listeners hear nothing. */
    private boolean beforeWindow;

    void listen(MappingListener listener) {
        listeners.add(listener);
    }

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.Map.class, Fact.LiveMapping.class, Fact.Unmap.class);
    }

    /** Until {@link #openWindow}, follows mappings without telling the listeners. */
    void awaitWindow() {
        beforeWindow = true;
    }

    /**
     * The window opens at {@code at}: every mapping live now is told as found live then (a map made
     * before the window is not a map of the window, but its stack is kept), and from now on all is told.
     */
    void openWindow(Instant at) {
        beforeWindow = false;
        for (RecordedMapping mapping : live.values()) { // a copy: the loop puts into the table
            RecordedMapping found = new RecordedMapping(mapping.path(), mapping.address(), mapping.mappedSize(),
                    mapping.mappedAt(), false, mapping.fileExtended(), mapping.stack(), mapping.mappedFrom());
            live.put(found);
            listeners.forEach(l -> l.live(found, at));
        }
    }

    @Override
    public void accept(Fact fact) {
        if (beforeWindow) {
            follow(fact);
        } else if (fact instanceof Fact.Map map) {
            RecordedMapping made = RecordedMapping.of(map);
            begin(made, made.mappedAt());
        } else if (fact instanceof Fact.LiveMapping found) {
            begin(RecordedMapping.of(found), found.time());
        } else if (fact instanceof Fact.Unmap unmap) {
            RecordedMapping mapping = live.remove(unmap.address());
            for (MappingListener listener : listeners) {
                listener.unmapped(unmap, mapping);
            }
        }
    }

    private void follow(Fact fact) {
        if (fact instanceof Fact.Unmap unmap) {
            live.remove(unmap.address());
            return;
        }
        RecordedMapping mapping = fact instanceof Fact.Map map ? RecordedMapping.of(map)
                : RecordedMapping.of((Fact.LiveMapping) fact);
        RecordedMapping known = live.get(mapping.address());
        if (known == null || mapping.made() || !known.sameAs(mapping)) {
            live.put(mapping);
        }
    }

    private void begin(RecordedMapping mapping, Instant at) {
        RecordedMapping known = live.get(mapping.address());
        boolean same = known != null && known.sameAs(mapping);
        if (same && !mapping.made()) {
            return; // a LiveMapping repeating what the pass knows
        }
        live.put(mapping);
        if (mapping.made()) {
            for (MappingListener listener : listeners) {
                listener.made(mapping);
            }
        }
        if (same) {
            return; // the chunk's LiveMapping was written between the map and the commit of its Map event
        }
        if (known != null) {
            listeners.forEach(l -> l.lost(known, at));
        }
        for (MappingListener listener : listeners) { // not forEach: its lambda would be an allocation per map
            listener.live(mapping, at);
        }
    }

    /** The process ended: its mappings were still live then, and are gone with it. */
    @Override
    public void processEnded(Instant at) {
        if (!beforeWindow) {
            finish(at);
        }
        live.clear();
    }

    @Override
    public void finish(Instant end) {
        for (RecordedMapping mapping : live.values()) {
            listeners.forEach(l -> l.stillLive(mapping, end));
        }
    }
}
