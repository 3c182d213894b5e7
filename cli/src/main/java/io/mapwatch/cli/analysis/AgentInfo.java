package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;
import io.mapwatch.events.MapwatchEvents;

import java.util.HashSet;
import java.util.Set;

/**
 * What the agent said about itself: its version ({@code mapwatch.AgentStatus}) and which of its
 * data sources worked ({@code mapwatch.SourceStatus}).
 */
public final class AgentInfo implements Aggregator {
    private final Set<String> sourcesThatWorked = new HashSet<>();
    private String version;

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.AgentStatus.class, Fact.SourceStatus.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.AgentStatus status) {
            version = status.version();
        } else if (fact instanceof Fact.SourceStatus source && MapwatchEvents.SOURCE_OK.equals(source.state())) {
            sourcesThatWorked.add(source.source());
        }
    }

    public String version() {
        return version;
    }

    /** Whether the agent said {@code source} worked (state OK) at some time during the recordings. */
    public boolean sourceWorked(String source) {
        return sourcesThatWorked.contains(source);
    }
}
