package io.mapwatch.kernel.procfs;

/**
 * The fields mapwatch uses of /proc/meminfo, the system-wide memory and page-cache figures. Every figure is in
 * bytes; one missing from the text is -1.
 *
 * @param memTotal usable RAM in bytes ({@code MemTotal:})
 * @param memAvailable bytes available for new work without swapping, page cache that can be dropped included
 *     ({@code MemAvailable:})
 * @param cached page cache in bytes ({@code Cached:})
 * @param mapped page cache mapped into some process in bytes ({@code Mapped:})
 * @param dirty modified page cache waiting to be written back, in bytes ({@code Dirty:})
 * @param writeback page cache being written back now, in bytes ({@code Writeback:})
 * @param shmem shared memory and tmpfs in bytes ({@code Shmem:})
 */
public record Meminfo(long memTotal, long memAvailable, long cached, long mapped, long dirty, long writeback,
                      long shmem) {
    private static final String[] KEYS = {
        "MemTotal", "MemAvailable", "Cached", "Mapped", "Dirty", "Writeback", "Shmem",
    };

    /** The meminfo text's fields; never null. */
    public static Meminfo parse(CharSequence text) {
        long[] values = new long[KEYS.length];
        AsciiScan.keyedAmounts(ProcText.of(text), KEYS, values);
        return new Meminfo(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
    }
}
