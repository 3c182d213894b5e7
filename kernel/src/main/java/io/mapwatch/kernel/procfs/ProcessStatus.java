package io.mapwatch.kernel.procfs;

/**
 * The fields mapwatch uses of /proc/PID/status: the name, real user id, thread count and memory sizes.
 * A field missing from the text is -1 (the name null).
 *
 * @param name the command name as the kernel prints it ({@code Name:})
 * @param uid real user id, the first of the four {@code Uid:} numbers
 * @param threads number of threads ({@code Threads:})
 * @param vmSize virtual memory size in bytes ({@code VmSize:})
 * @param vmRss resident set size in bytes ({@code VmRSS:}), the sum of the three below
 * @param rssAnon resident anonymous memory in bytes ({@code RssAnon:})
 * @param rssFile resident file mappings in bytes ({@code RssFile:})
 * @param rssShmem resident shared memory (shmem, tmpfs, shared anonymous) in bytes ({@code RssShmem:})
 * @param vmSwap swapped-out anonymous memory in bytes ({@code VmSwap:})
 */
public record ProcessStatus(String name, long uid, long threads, long vmSize, long vmRss, long rssAnon,
                            long rssFile, long rssShmem, long vmSwap) {
    private static final String[] KEYS = {
        "Uid", "Threads", "VmSize", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmSwap",
    };

    /** The status text's fields; never null. */
    public static ProcessStatus parse(CharSequence text) {
        ProcText proc = ProcText.of(text);
        long[] values = new long[KEYS.length];
        AsciiScan.keyedAmounts(proc, KEYS, values);
        return new ProcessStatus(name(proc), values[0], values[1], values[2], values[3], values[4], values[5],
                values[6], values[7]);
    }

    private static String name(ProcText proc) {
        byte[] b = proc.bytes();
        int length = proc.length();
        int from = 0;
        while (from < length) {
            int to = AsciiScan.lineEnd(b, from, length);
            int keyEnd = AsciiScan.keyEnd(b, from, to);
            if (keyEnd < to && b[keyEnd] == ':' && AsciiScan.regionEquals(b, from, keyEnd, "Name")) {
                return AsciiScan.string(b, AsciiScan.skipBlanks(b, keyEnd + 1, to), to);
            }
            from = to + 1;
        }
        return null;
    }
}
