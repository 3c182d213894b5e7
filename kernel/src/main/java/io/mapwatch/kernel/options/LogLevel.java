package io.mapwatch.kernel.options;

import java.util.Locale;

/** How much the agent prints on stderr ({@code log=}): each level prints what the ones before it print. */
public enum LogLevel {
    OFF, ERROR, WARN, INFO, DEBUG;

    /** The level named {@code text}, in any case. */
    public static LogLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected off, error, warn, info or debug");
        }
    }

    /** As the option is written: {@code warn}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
