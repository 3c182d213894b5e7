package io.mapwatch.kernel.procfs;

/**
 * Pressure stall information (PSI) as in /proc/pressure/memory and a cgroup v2 {@code memory.pressure}: how much
 * wall time tasks spent stalled waiting for memory (reclaim, refaults, swap-in).
 *
 * @param some time in which at least one task stalled
 * @param full time in which all non-idle tasks stalled at once; {@link Stall#UNKNOWN} on kernels that print
 *     only the {@code some} line
 */
public record PressureStallInfo(Stall some, Stall full) {
    /** Neither line known. */
    public static final PressureStallInfo UNKNOWN = new PressureStallInfo(Stall.UNKNOWN, Stall.UNKNOWN);

    /**
     * One line of pressure: {@code some|full avg10=0.00 avg60=0.00 avg300=0.00 total=0}. A value missing from
     * the line is -1.
     *
     * @param avg10 share of the last 10 seconds spent stalled, in percent
     * @param avg60 share of the last 60 seconds spent stalled, in percent
     * @param avg300 share of the last 300 seconds spent stalled, in percent
     * @param totalMicros total stall time since boot (or since the cgroup was created), in microseconds
     */
    public record Stall(double avg10, double avg60, double avg300, long totalMicros) {
        /** The line is missing. */
        public static final Stall UNKNOWN = new Stall(-1, -1, -1, -1);
    }

    /** The pressure text's {@code some} and {@code full} lines; a missing line is {@link Stall#UNKNOWN}. */
    public static PressureStallInfo parse(CharSequence text) {
        ProcText proc = ProcText.of(text);
        byte[] b = proc.bytes();
        int length = proc.length();
        Stall some = Stall.UNKNOWN;
        Stall full = Stall.UNKNOWN;
        int from = 0;
        while (from < length) {
            int to = AsciiScan.lineEnd(b, from, length);
            int start = AsciiScan.skipBlanks(b, from, to);
            int kindEnd = AsciiScan.fieldEnd(b, start, to);
            if (AsciiScan.regionEquals(b, start, kindEnd, "some")) {
                some = stall(b, kindEnd, to);
            } else if (AsciiScan.regionEquals(b, start, kindEnd, "full")) {
                full = stall(b, kindEnd, to);
            }
            from = to + 1;
        }
        return new PressureStallInfo(some, full);
    }

    private static Stall stall(byte[] text, int from, int to) {
        double avg10 = -1;
        double avg60 = -1;
        double avg300 = -1;
        long total = -1;
        int i = AsciiScan.skipBlanks(text, from, to);
        while (i < to) {
            int end = AsciiScan.fieldEnd(text, i, to);
            int equals = i;
            while (equals < end && text[equals] != '=') {
                equals++;
            }
            if (equals < end) {
                if (AsciiScan.regionEquals(text, i, equals, "avg10")) {
                    avg10 = percent(text, equals + 1, end);
                } else if (AsciiScan.regionEquals(text, i, equals, "avg60")) {
                    avg60 = percent(text, equals + 1, end);
                } else if (AsciiScan.regionEquals(text, i, equals, "avg300")) {
                    avg300 = percent(text, equals + 1, end);
                } else if (AsciiScan.regionEquals(text, i, equals, "total")) {
                    long value = AsciiScan.decimal(text, equals + 1, end);
                    total = value < 0 ? -1 : value;
                }
            }
            i = AsciiScan.skipBlanks(text, end, to);
        }
        return new Stall(avg10, avg60, avg300, total);
    }

    private static double percent(byte[] text, int from, int to) {
        double value = AsciiScan.fixedPoint(text, from, to);
        return Double.isNaN(value) ? -1 : value;
    }
}
