package io.mapwatch.agent.tooling;

import io.mapwatch.kernel.options.LogLevel;

import java.io.PrintStream;

/** The agent's own lines on stderr, each starting with {@code [mapwatch]}; stdout is the application's. */
public final class Log {
    private static volatile LogLevel level = LogLevel.WARN;
    private static final PrintStream ERR = System.err;

    private Log() {
    }

    public static void setLevel(LogLevel newLevel) {
        level = newLevel;
    }

    public static LogLevel level() {
        return level;
    }

    public static void error(String message) {
        log(LogLevel.ERROR, message);
    }

    public static void warn(String message) {
        log(LogLevel.WARN, message);
    }

    public static void info(String message) {
        log(LogLevel.INFO, message);
    }

    public static void debug(String message) {
        log(LogLevel.DEBUG, message);
    }

    public static boolean enabled(LogLevel at) {
        return at != LogLevel.OFF && at.compareTo(level) <= 0;
    }

    /** Prints regardless of the level: the answer to {@code help}. */
    public static void always(String message) {
        ERR.println("[mapwatch] " + message);
    }

    private static void log(LogLevel at, String message) {
        if (enabled(at)) {
            ERR.println("[mapwatch] " + message);
        }
    }
}
