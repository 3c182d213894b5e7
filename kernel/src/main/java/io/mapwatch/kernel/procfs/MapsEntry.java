package io.mapwatch.kernel.procfs;

/**
 * One line of /proc/PID/maps: a virtual memory area of a process.
 *
 * @param start first address, as an unsigned 64-bit number (the {@code [vsyscall]} page is negative as a long)
 * @param end address just past the area, unsigned like {@code start}
 * @param permissions four characters: {@code r}, {@code w}, {@code x} or {@code -}, then {@code s} (shared) or
 *     {@code p} (private), e.g. {@code r--s}
 * @param offset offset in the file of {@code start}, in bytes
 * @param device major:minor of the file's device in hex, e.g. {@code fd:01}; {@code 00:00} when anonymous
 * @param inode inode number of the file; 0 when anonymous
 * @param path the file or pseudo name as the kernel prints it (a line feed in a name shows as {@code \012}),
 *     {@code [heap]}, {@code [stack]}, {@code [anon:...]} and the like included, without the
 *     {@code " (deleted)"} suffix; null for an anonymous area
 * @param deleted whether the kernel marked the file {@code (deleted)}: unlinked while mapped
 */
public record MapsEntry(long start, long end, String permissions, long offset, String device, long inode,
                        String path, boolean deleted) {

    /** Length of the area in bytes: whole pages. */
    public long size() {
        return end - start;
    }

    /**
     * Whether the area maps a file of a file system (the path is absolute), as opposed to anonymous memory, a
     * pseudo area ({@code [heap]}, {@code anon_inode:...}) or {@linkplain #isKernelSharedMemory shared memory}
     * that the kernel prints like a file.
     */
    public boolean isFile() {
        return path != null && path.startsWith("/") && !isKernelSharedMemory();
    }

    /**
     * Whether the path names memory the kernel keeps on one of its internal mounts, which no path reaches: it
     * prints such memory as {@code /NAME (deleted)}, like a file unlinked while mapped. The names, from the
     * kernel's sources: {@code memfd:NAME} ({@code memfd_create}, e.g. ZGC's {@code /memfd:java_heap}),
     * {@code SYSVxxxxxxxx} (System V shared memory), {@code dev/zero} (shared anonymous memory, and a shared
     * mapping of {@code /dev/zero}; a private one shows the device itself), {@code anon_hugepage} (anonymous
     * huge pages), {@code [aio]} (AIO rings) and {@code secretmem} ({@code memfd_secret}).
     */
    public boolean isKernelSharedMemory() {
        return path != null && (path.startsWith("/memfd:") || path.startsWith("/SYSV") || path.equals("/dev/zero")
                || path.equals("/anon_hugepage") || path.equals("/[aio]") || path.equals("/secretmem"));
    }

    /** Whether the area is shared ({@code MAP_SHARED}): writes reach the file and other processes. */
    public boolean isShared() {
        return permissions.length() == 4 && permissions.charAt(3) == 's';
    }

    /** The area described by one maps line, or null if the line is not one. */
    public static MapsEntry parse(CharSequence line) {
        ProcText text = ProcText.of(line);
        return new Maps.LineParser().parse(text.bytes(), 0, AsciiScan.firstLineEnd(text));
    }
}
