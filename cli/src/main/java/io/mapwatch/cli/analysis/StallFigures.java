package io.mapwatch.cli.analysis;

/**
 * The page-fault stalls of a thread, a stack, a file or the whole process: how many, the major
 * faults during them, and how long they lasted. Every figure is -1 when it was not measured.
 */
public record StallFigures(long stalls, long majorFaults, long nanos) {
    /** Not measured: the stall sampler did not run, or the stalls could not be tied to what is asked about. */
    public static final StallFigures UNKNOWN = new StallFigures(-1, -1, -1);
    /** Measured, none. */
    public static final StallFigures NONE = new StallFigures(0, 0, 0);

    public boolean measured() {
        return nanos >= 0;
    }

    /** Stall time in whole milliseconds, -1 when not measured. */
    public long millis() {
        return nanos < 0 ? -1 : nanos / 1_000_000;
    }

    /** These figures and {@code other}'s together; unknown when either is. */
    public StallFigures plus(StallFigures other) {
        if (!measured() || !other.measured()) {
            return UNKNOWN;
        }
        return new StallFigures(stalls + other.stalls, majorFaults + other.majorFaults, nanos + other.nanos);
    }

    /** The share of {@code whole}'s stall time these figures make, -1 when unknown or when there was none. */
    public double shareOf(StallFigures whole) {
        return !measured() || whole.nanos <= 0 ? -1 : (double) nanos / whole.nanos;
    }
}
