package io.mapwatch.cli;

/** Exit codes of every command, as DESIGN.md fixes them. */
public final class ExitCode {
    public static final int OK = 0;
    /** A finding at or above {@code --fail-on}. */
    public static final int FINDING = 1;
    public static final int USAGE = 2;
    /** The input cannot be used: missing, unreadable, not a recording, no such process, not a JVM, attach refused. */
    public static final int BAD_INPUT = 3;
    /** An internal error: a bug, whose details were written to a file. */
    public static final int INTERNAL = 4;

    private ExitCode() {
    }
}
