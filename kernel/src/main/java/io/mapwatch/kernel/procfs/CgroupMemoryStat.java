package io.mapwatch.kernel.procfs;

import java.util.Arrays;

/**
 * The page-cache and refault figures mapwatch uses of a cgroup's {@code memory.stat}, v1 or v2. A figure
 * missing from the text is -1.
 *
 * @param file page cache charged to the cgroup, in bytes (v1 {@code cache}, v2 {@code file})
 * @param fileMapped page cache mapped into processes, in bytes (v1 {@code mapped_file}, v2 {@code file_mapped})
 * @param anon anonymous memory, in bytes (v1 {@code rss}, v2 {@code anon})
 * @param activeFile page cache on the active list, in bytes ({@code active_file})
 * @param inactiveFile page cache on the inactive list, first to be reclaimed, in bytes ({@code inactive_file})
 * @param refaults file pages read in again soon after being evicted, a count of pages since the cgroup was
 *     created ({@code workingset_refault_file}, or {@code workingset_refault} on kernels before 5.9): a cache
 *     too small for its working set
 */
public record CgroupMemoryStat(long file, long fileMapped, long anon, long activeFile, long inactiveFile,
                               long refaults) {
    /** v1 keys: the {@code total_} ones include descendant cgroups, as {@code memory.usage_in_bytes} does. */
    private static final String[][] V1 = {
        {"total_cache", "cache"},
        {"total_mapped_file", "mapped_file"},
        {"total_rss", "rss"},
        {"total_active_file", "active_file"},
        {"total_inactive_file", "inactive_file"},
        {"total_workingset_refault_file", "workingset_refault_file", "total_workingset_refault", "workingset_refault"},
    };
    /** v2 figures are hierarchical already. */
    private static final String[][] V2 = {
        {"file"},
        {"file_mapped"},
        {"anon"},
        {"active_file"},
        {"inactive_file"},
        {"workingset_refault_file", "workingset_refault"},
    };
    private static final String[] V1_KEYS = flatten(V1);
    private static final String[] V2_KEYS = flatten(V2);

    /** The figures of a cgroup v1 {@code memory.stat} text; never null. */
    public static CgroupMemoryStat parseV1(CharSequence text) {
        return parse(text, V1, V1_KEYS);
    }

    /** The figures of a cgroup v2 {@code memory.stat} text; never null. */
    public static CgroupMemoryStat parseV2(CharSequence text) {
        return parse(text, V2, V2_KEYS);
    }

    /** Each figure from the first of its keys present in the text. */
    private static CgroupMemoryStat parse(CharSequence text, String[][] figures, String[] keys) {
        long[] values = new long[keys.length];
        AsciiScan.keyedAmounts(ProcText.of(text), keys, values);
        long[] figure = new long[figures.length];
        int k = 0;
        for (int f = 0; f < figures.length; f++) {
            figure[f] = -1;
            for (int alternative = 0; alternative < figures[f].length; alternative++, k++) {
                if (figure[f] == -1) {
                    figure[f] = values[k];
                }
            }
        }
        return new CgroupMemoryStat(figure[0], figure[1], figure[2], figure[3], figure[4], figure[5]);
    }

    private static String[] flatten(String[][] figures) {
        return Arrays.stream(figures).flatMap(Arrays::stream).toArray(String[]::new);
    }
}
