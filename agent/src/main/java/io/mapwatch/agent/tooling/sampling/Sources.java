package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.SourceStatusEvent;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Which data sources work, and why the others do not: one {@code mapwatch.SourceStatus} each.
 * A source is {@code OK} only once it was read; a source that stops working says so.
 */
public final class Sources {
    /** A source's state and, unless it is OK, the reason. */
    private record State(String state, String reason) {
        static final State OK = new State(MapwatchEvents.SOURCE_OK, null);
    }

    private final Map<String, State> states = new ConcurrentSkipListMap<>();

    void ok(String source) {
        if (states.get(source) != State.OK) {
            states.put(source, State.OK);
        }
    }

    /** Switched off by an option, such as {@code stalls=off}. */
    void off(String source, String option) {
        states.put(source, new State(MapwatchEvents.SOURCE_OFF, option));
    }

    void unavailable(String source, String why) {
        states.put(source, new State(MapwatchEvents.SOURCE_UNAVAILABLE, why));
    }

    void failed(String source, Throwable t) {
        states.put(source, new State(MapwatchEvents.SOURCE_FAILING, t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage())));
    }

    boolean isOk(String source) {
        return states.get(source) == State.OK;
    }

    /** Emits one {@code mapwatch.SourceStatus} per source, in name order. */
    void emit() {
        states.forEach((source, state) -> {
            SourceStatusEvent event = new SourceStatusEvent();
            event.source = source;
            event.state = state.state();
            event.reason = state.reason();
            event.commit();
        });
    }

    /** {@code source=STATE (reason)} for each source, for log lines. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        states.forEach((source, state) -> out.append(out.length() == 0 ? "" : ", ").append(source).append('=')
                .append(state.state()).append(state.reason() == null ? "" : " (" + state.reason() + ")"));
        return out.toString();
    }
}
