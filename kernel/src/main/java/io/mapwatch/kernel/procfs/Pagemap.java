package io.mapwatch.kernel.procfs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts the pages of an address range that are present in a process's page tables, from /proc/PID/pagemap
 * (one 64-bit entry per virtual page; bit 63 "present", bit 62 "swapped"; both readable without privileges).
 * It reads the kernel's table only and never touches the mapped memory, so it cannot fault pages in or raise
 * SIGBUS. Reuses one 64 KiB array, so one thread at a time.
 *
 * <p>The entries are read into a {@code byte[]} (one positional read per 64 KiB, as {@link ProcText}
 * reads) and decoded with {@link NativeBytes}, not through a native-order {@code ByteBuffer}: a
 * residency pass decodes an entry per page, and {@code getLong} of a direct buffer is the very
 * method an application's reads of a big-endian mapped buffer are compiled from (see
 * {@link NativeBytes}).
 */
public final class Pagemap implements Closeable {
    /** Bytes per pagemap entry. */
    private static final int ENTRY = 8;
    /** Entries read per positional read: 64 KiB, i.e. 32 MiB of address space with 4 KiB pages. */
    private static final int CHUNK_ENTRIES = 8 * 1024;
    private static final long PRESENT = 1L << 63;
    private static final long SWAPPED = 1L << 62;

    private final Path file;
    private final long pageSize;
    private final byte[] entries = new byte[CHUNK_ENTRIES * ENTRY];
    private FileChannel channel;
    private boolean closed;

    private Pagemap(Path file, long pageSize) throws IOException {
        if (pageSize <= 0 || Long.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two: " + pageSize);
        }
        this.file = file;
        this.pageSize = pageSize;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Opens {@code /proc/self/pagemap}; {@code pageSize} in bytes (4096 on x86-64). */
    public static Pagemap openSelf(long pageSize) throws IOException {
        return open(Path.of("/proc/self/pagemap"), pageSize);
    }

    /** Opens a pagemap file such as {@code /proc/PID/pagemap}; {@code pageSize} in bytes. */
    public static Pagemap open(Path file, long pageSize) throws IOException {
        return new Pagemap(file, pageSize);
    }

    /**
     * The number of pages of [start, end) present in the process's page tables (mapped by it, not merely in
     * the page cache); -1 if the file could not be read. Addresses are rounded out to whole pages.
     */
    public long presentPages(long start, long end) {
        if (Long.compareUnsigned(end, start) <= 0) {
            return 0;
        }
        long page = Long.divideUnsigned(start, pageSize);
        long endPage = Long.divideUnsigned(end - 1, pageSize) + 1;
        long present = 0;
        try {
            FileChannel in = channel();
            while (page < endPage) {
                int wanted = (int) Math.min(endPage - page, CHUNK_ENTRIES) * ENTRY;
                int read = 0;
                while (read < wanted) {
                    int n = in.read(ByteBuffer.wrap(entries, read, wanted - read), page * ENTRY + read);
                    if (n <= 0) {
                        break;
                    }
                    read += n;
                }
                if (read == 0 && present == 0 && page == Long.divideUnsigned(start, pageSize)) {
                    return -1; // nothing at all for a user address: not a pagemap we can read
                }
                present += countPresent(entries, 0, read);
                if (read < wanted) {
                    // Past the end of the address space the kernel reports nothing: no more pages can be present.
                    break;
                }
                page += wanted / ENTRY;
            }
            return present;
        } catch (IOException unreadable) {
            return -1;
        }
    }

    /** The whole entries in {@code entries[from, to)}, in native byte order, with bit 63 (present) set. */
    public static int countPresent(byte[] entries, int from, int to) {
        return count(entries, from, to, PRESENT);
    }

    /** The whole entries in {@code entries[from, to)}, in native byte order, with bit 62 (swapped) set. */
    public static int countSwapped(byte[] entries, int from, int to) {
        return count(entries, from, to, SWAPPED);
    }

    private static int count(byte[] entries, int from, int to, long bit) {
        int count = 0;
        for (int i = from; i + ENTRY <= to; i += ENTRY) {
            if ((NativeBytes.getLong(entries, i) & bit) != 0) {
                count++;
            }
        }
        return count;
    }

    /** The open channel; reopened if an interrupt of the reading thread closed it, as FileChannel does. */
    private FileChannel channel() throws IOException {
        if (!channel.isOpen() && !closed) {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        }
        return channel;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }
}
