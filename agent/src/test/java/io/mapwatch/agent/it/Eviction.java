package io.mapwatch.agent.it;

import io.mapwatch.testapps.Unmapping;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drops a file from the page cache before any process maps it: written back ({@code sync}), then
 * {@code dd iflag=nocache count=0} (posix_fadvise DONTNEED), which needs no privileges but cannot
 * evict pages a live process maps. Checked with the JDK alone ({@link #cachedBytes}); a test skips
 * when eviction did not take.
 */
final class Eviction {
    /** A slice per 4 KiB: every page size Linux uses is a multiple of it, so whole pages are counted. */
    private static final int SLICE = 4096;
    /** What may stay cached and still count as evicted: a few pages read back by someone meanwhile. */
    private static final long LEFT_OVER = 1 << 20;

    private Eviction() {
    }

    /** Writes a data file of {@code size} with the RandomReads workload and evicts it: no page of it is cached. */
    static Path coldFile(Path file, String size) throws IOException, InterruptedException {
        ForkedJvm.workload("RandomReads", "--file", file.toString(), "--size", size, "--reads", "1").run().assertSucceeded();
        evict(file);
        return file;
    }

    static void evict(Path file) throws IOException, InterruptedException {
        run("sync", file.toString());
        run("dd", "if=" + file, "iflag=nocache", "count=0", "status=none");
        long cached = cachedBytes(file);
        assumeTrue(cached < LEFT_OVER, "eviction did not take: the page cache kept " + cached + " of " + Files.size(file)
                + " bytes of " + file + " (a " + Files.getFileStore(file).type() + " file system) after dd iflag=nocache");
    }

    /**
     * Bytes of {@code file} in the page cache, as mincore(2) sees them: the file mapped read-only here and
     * {@link MappedByteBuffer#isLoaded()} asked for each 4 KiB slice. Neither the map nor isLoaded touches
     * a page, so nothing is read in; the mapping is released before this returns.
     */
    static long cachedBytes(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return 0;
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            try {
                long cached = 0;
                for (int offset = 0; offset < size; offset += SLICE) {
                    int length = (int) Math.min(SLICE, size - offset);
                    if (mapped.slice(offset, length).isLoaded()) {
                        cached += length;
                    }
                }
                return cached;
            } finally {
                Unmapping.unmapNow(mapped);
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
