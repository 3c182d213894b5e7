package io.mapwatch.kernel.procfs;

/**
 * The fields mapwatch uses of /proc/PID/stat (a process) or /proc/PID/task/TID/stat (a thread). Field numbers
 * are those of proc(5); a field missing from the text is -1.
 *
 * @param pid process or thread id (field 1)
 * @param comm command or thread name (field 2), without its parentheses; it may hold blanks and parentheses
 * @param state one letter (field 3): {@code R} running, {@code S} sleeping, {@code D} waiting uninterruptibly
 *     (e.g. for a page to be read in), {@code T} stopped, ...; {@code '?'} if missing
 * @param minorFaults page faults served without I/O, a count since start (field 10, {@code minflt})
 * @param majorFaults page faults that waited for I/O, a count since start (field 12, {@code majflt})
 * @param userTicks CPU time in user mode, in clock ticks ({@code sysconf(_SC_CLK_TCK)}, usually 1/100 s)
 *     (field 14, {@code utime})
 * @param systemTicks CPU time in kernel mode, in clock ticks (field 15, {@code stime})
 * @param threads number of threads in the process (field 20, {@code num_threads})
 * @param startTicks start time after system boot, in clock ticks (field 22, {@code starttime})
 * @param processor number of the CPU last run on (field 39)
 * @param virtualBytes size of the address space in bytes (field 23, {@code vsize}): it changes with
 *     every mmap, munmap and mremap of the process, so a sampler can tell that its mappings changed
 */
public record TaskStat(long pid, String comm, char state, long minorFaults, long majorFaults, long userTicks,
                       long systemTicks, long threads, long startTicks, long processor, long virtualBytes) {
    private static final int LAST_FIELD = 39;

    /**
     * The figures a sampler reads many times a second from each thread: state and fault counters,
     * parsed in place into a holder that is reused, so that a pass over hundreds of threads
     * allocates nothing. The name is a new string only when the thread renamed itself.
     */
    public static final class Counters {
        private char state = '?';
        private long minorFaults = -1;
        private long majorFaults = -1;
        private String comm;

        public char state() {
            return state;
        }

        public long minorFaults() {
            return minorFaults;
        }

        public long majorFaults() {
            return majorFaults;
        }

        public String comm() {
            return comm;
        }
    }

    /** Fills {@code into} from a stat line; false, leaving it as it was, when the text is not one. */
    public static boolean parseCounters(ProcText text, Counters into) {
        byte[] b = text.bytes();
        int to = AsciiScan.firstLineEnd(text);
        int open = firstIndexOf(b, '(', to);
        int close = lastIndexOf(b, ')', to);
        if (open < 0 || close < open) {
            return false;
        }
        char state = '?';
        long minorFaults = -1;
        long majorFaults = -1;
        int i = close + 1;
        for (int field = 3; field <= 12; field++) {
            i = AsciiScan.skipBlanks(b, i, to);
            if (i == to) {
                break;
            }
            int end = AsciiScan.fieldEnd(b, i, to);
            if (field == 3) {
                state = end - i == 1 && b[i] > ' ' ? (char) b[i] : '?';
            } else if (field == 10) {
                minorFaults = number(b, i, end);
            } else if (field == 12) {
                majorFaults = number(b, i, end);
            }
            i = end;
        }
        if (into.comm == null || !AsciiScan.regionEquals(b, open + 1, close, into.comm)) {
            into.comm = AsciiScan.string(b, open + 1, close);
        }
        into.state = state;
        into.minorFaults = minorFaults;
        into.majorFaults = majorFaults;
        return true;
    }

    /**
     * The stat line in the text, or null if it has no {@code (comm)}. The name is taken up to the last
     * {@code ')'}, so a name holding {@code ") R 1 2"} cannot shift the fields that follow.
     */
    public static TaskStat parse(CharSequence text) {
        ProcText proc = ProcText.of(text);
        byte[] b = proc.bytes();
        int to = AsciiScan.firstLineEnd(proc);
        int open = firstIndexOf(b, '(', to);
        int close = lastIndexOf(b, ')', to);
        if (open < 0 || close < open) {
            return null;
        }
        int pidStart = AsciiScan.skipBlanks(b, 0, open);
        long pid = number(b, pidStart, AsciiScan.fieldEnd(b, pidStart, open));
        String comm = AsciiScan.string(b, open + 1, close);

        char state = '?';
        long minorFaults = -1;
        long majorFaults = -1;
        long userTicks = -1;
        long systemTicks = -1;
        long threads = -1;
        long startTicks = -1;
        long processor = -1;
        long virtualBytes = -1;
        int i = close + 1;
        for (int field = 3; field <= LAST_FIELD; field++) {
            i = AsciiScan.skipBlanks(b, i, to);
            if (i == to) {
                break;
            }
            int end = AsciiScan.fieldEnd(b, i, to);
            switch (field) {
                case 3: state = end - i == 1 && b[i] > ' ' ? (char) b[i] : '?'; break;
                case 10: minorFaults = number(b, i, end); break;
                case 12: majorFaults = number(b, i, end); break;
                case 14: userTicks = number(b, i, end); break;
                case 15: systemTicks = number(b, i, end); break;
                case 20: threads = number(b, i, end); break;
                case 22: startTicks = number(b, i, end); break;
                case 23: virtualBytes = number(b, i, end); break;
                case LAST_FIELD: processor = number(b, i, end); break;
                default: break;
            }
            i = end;
        }
        return new TaskStat(pid, comm, state, minorFaults, majorFaults, userTicks, systemTicks, threads,
                startTicks, processor, virtualBytes);
    }

    private static int firstIndexOf(byte[] text, char c, int to) {
        for (int i = 0; i < to; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The name is the text between the first {@code '('} and the last {@code ')'}: it may hold parentheses. */
    private static int lastIndexOf(byte[] text, char c, int to) {
        for (int i = to - 1; i >= 0; i--) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static long number(byte[] text, int from, int to) {
        long value = AsciiScan.decimal(text, from, to);
        return value == AsciiScan.NOT_A_NUMBER ? -1 : value;
    }
}
