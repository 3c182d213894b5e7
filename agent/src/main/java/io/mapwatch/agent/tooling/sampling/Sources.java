package io.mapwatch.agent.tooling.sampling;

import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentSkipListMap;

/** Which data sources work, and why the others do not: {@code mapwatch.AgentStatus.sources}. */
final class Sources {
    private final Map<String, String> states = new ConcurrentSkipListMap<>();

    void ok(String source) {
        if (!"ok".equals(states.get(source))) {
            states.put(source, "ok");
        }
    }

    void unavailable(String source, String why) {
        states.put(source, "unavailable (" + why + ")");
    }

    void failed(String source, Throwable t) {
        states.put(source, "failing (" + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")");
    }

    boolean isOk(String source) {
        return "ok".equals(states.get(source));
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(",");
        states.forEach((source, state) -> out.add(source + "=" + state));
        return out.toString();
    }
}
