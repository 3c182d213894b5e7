package io.mapwatch.agent.tooling;

import java.io.PrintStream;
import java.util.Locale;

/** The agent's own lines on stderr, each starting with {@code [mapwatch]}; stdout is the application's. */
public final class Log {
    public enum Level { OFF, ERROR, WARN, INFO, DEBUG }

    private static volatile Level level = Level.WARN;
    private static final PrintStream ERR = System.err;

    private Log() {
    }

    public static void setLevel(Level newLevel) {
        level = newLevel;
    }

    public static Level level() {
        return level;
    }

    public static Level parseLevel(String text) {
        return Level.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public static void error(String message) {
        log(Level.ERROR, message);
    }

    public static void warn(String message) {
        log(Level.WARN, message);
    }

    public static void info(String message) {
        log(Level.INFO, message);
    }

    public static void debug(String message) {
        log(Level.DEBUG, message);
    }

    public static boolean enabled(Level at) {
        return at != Level.OFF && at.compareTo(level) <= 0;
    }

    /** Prints regardless of the level: the answer to {@code help}. */
    public static void always(String message) {
        ERR.println("[mapwatch] " + message);
    }

    private static void log(Level at, String message) {
        if (enabled(at)) {
            ERR.println("[mapwatch] " + message);
        }
    }
}
