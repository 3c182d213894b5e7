package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.util.Locale;
import java.util.Set;

/** What the agent said about itself in {@code mapwatch.AgentStatus}: version, options, working sources. */
public final class AgentInfo implements Aggregator {
    private Fact.AgentStatus last;

    @Override
    public Set<Class<? extends Fact>> kinds() {
        return Set.of(Fact.AgentStatus.class);
    }

    @Override
    public void accept(Fact fact) {
        if (fact instanceof Fact.AgentStatus status) {
            last = status;
        }
    }

    public boolean seen() {
        return last != null;
    }

    public String version() {
        return last == null ? null : last.version();
    }

    /**
     * True when the agent said {@code source} was switched off ({@code stalls=off} in its options)
     * or unavailable (anything but {@code ok} in its sources).
     */
    public boolean sourceOff(String source) {
        if (last == null) {
            return false;
        }
        return valueOf(last.options(), source).equals("off")
                || !valueOf(last.sources(), source).matches("|ok");
    }

    private static String valueOf(String list, String key) {
        if (list == null) {
            return "";
        }
        for (String item : list.split(",")) {
            int eq = item.indexOf('=');
            if (eq > 0 && item.substring(0, eq).trim().equalsIgnoreCase(key)) {
                return item.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }
}
