package io.mapwatch.kernel.procfs;

/**
 * The memory figures of one mapping in /proc/PID/smaps, or of the whole process in /proc/PID/smaps_rollup.
 * Every amount is in bytes; a figure the kernel did not print is -1, never 0.
 *
 * @param mapping the mapping's header line; in smaps_rollup a pseudo area named {@code [rollup]} spanning the
 *     process's address space
 * @param size virtual size in bytes
 * @param rss resident bytes: pages of the mapping present in this process's page tables
 * @param pss proportional resident bytes: each page divided by the number of processes mapping it
 * @param sharedClean resident bytes also mapped by other processes, unmodified
 * @param sharedDirty resident bytes also mapped by other processes, modified
 * @param privateClean resident bytes mapped by this process only, unmodified
 * @param privateDirty resident bytes mapped by this process only, modified
 * @param referenced resident bytes marked accessed
 * @param anonymous bytes not belonging to a file (including copy-on-write copies of file pages)
 * @param swap bytes swapped out
 * @param swapPss proportional swapped-out bytes
 * @param locked bytes locked in memory ({@code mlock})
 * @param kernelPageSize bytes per page the kernel uses for the mapping
 */
public record SmapsEntry(MapsEntry mapping, long size, long rss, long pss, long sharedClean, long sharedDirty,
                         long privateClean, long privateDirty, long referenced, long anonymous, long swap,
                         long swapPss, long locked, long kernelPageSize) {
}
