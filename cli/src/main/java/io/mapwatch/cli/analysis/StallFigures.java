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

    /** These figures and {@code other}'s together; each unknown where either is. */
    public StallFigures plus(StallFigures other) {
        return new StallFigures(sum(stalls, other.stalls), sum(majorFaults, other.majorFaults), sum(nanos, other.nanos));
    }

    private static long sum(long a, long b) {
        return a < 0 || b < 0 ? -1 : a + b;
    }

    /** The share of {@code whole}'s stall time these figures make, -1 when unknown or when there was none. */
    public double shareOf(StallFigures whole) {
        return !measured() || whole.nanos <= 0 ? -1 : (double) nanos / whole.nanos;
    }
}
