package io.mapwatch.kernel.procfs;

/**
 * The scheduler figures of /proc/PID/task/TID/schedstat ({@code run_ns wait_ns timeslices}). A figure missing
 * from the text is -1.
 *
 * @param runNanos time spent on a CPU, in nanoseconds
 * @param waitNanos time spent runnable but waiting for a CPU, in nanoseconds
 * @param timeslices number of times the thread was run on a CPU
 */
public record Schedstat(long runNanos, long waitNanos, long timeslices) {

    /** The schedstat text's figures; never null. */
    public static Schedstat parse(CharSequence text) {
        ProcText proc = ProcText.of(text);
        byte[] b = proc.bytes();
        int to = AsciiScan.firstLineEnd(proc);
        long[] values = {-1, -1, -1};
        int i = AsciiScan.skipBlanks(b, 0, to);
        for (int k = 0; k < values.length && i < to; k++) {
            int end = AsciiScan.fieldEnd(b, i, to);
            long value = AsciiScan.decimal(b, i, end);
            values[k] = value < 0 ? -1 : value;
            i = AsciiScan.skipBlanks(b, end, to);
        }
        return new Schedstat(values[0], values[1], values[2]);
    }
}
