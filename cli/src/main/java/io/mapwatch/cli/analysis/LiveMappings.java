package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mappings live at the current point of a pass, by address. Aggregators look a mapping up
 * here when it is unmapped; the pass updates it after every aggregator has seen the fact.
 */
public final class LiveMappings {
    private final Map<Long, Fact.Map> live = new HashMap<>();

    public Fact.Map get(long address) {
        return live.get(address);
    }

    public Collection<Fact.Map> all() {
        return List.copyOf(live.values());
    }

    void update(Fact fact) {
        if (fact instanceof Fact.Map map) {
            live.put(map.address(), map);
        } else if (fact instanceof Fact.Unmap unmap) {
            live.remove(unmap.address());
        }
    }

    void clear() {
        live.clear();
    }
}
