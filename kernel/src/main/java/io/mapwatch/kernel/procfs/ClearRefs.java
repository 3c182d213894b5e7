package io.mapwatch.kernel.procfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * Starts a window of the kernel's accessed-page tracking through /proc/PID/clear_refs: after a
 * clear, the {@code Referenced:} figure of a mapping in /proc/PID/smaps counts only the pages
 * accessed since (Documentation/filesystems/proc.rst, "clear_refs"). The owner of a process may
 * write its own file; no privilege is needed.
 */
public final class ClearRefs {
    /** This process's file. */
    public static final Path SELF = Paths.get("/proc/self/clear_refs");
    /**
     * The kernel's value for "file-mapped pages only": the accessed bits of anonymous memory (the
     * Java heap, thread stacks, metaspace) are left alone.
     */
    private static final byte[] FILE_MAPPED = "3\n".getBytes(StandardCharsets.US_ASCII);

    private ClearRefs() {
    }

    /**
     * Clears the accessed and referenced bits of every resident page of every file-backed mapping of
     * the process whose {@code clear_refs} file this is. The kernel walks those page tables with the
     * process's mmap lock held for writing; this returns when it is done.
     */
    public static void clearFileMapped(Path clearRefs) throws IOException {
        try (FileChannel channel = FileChannel.open(clearRefs, StandardOpenOption.WRITE)) {
            ByteBuffer value = ByteBuffer.wrap(FILE_MAPPED);
            while (value.hasRemaining()) {
                channel.write(value);
            }
        }
    }
}
