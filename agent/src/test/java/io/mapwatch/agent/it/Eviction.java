package io.mapwatch.agent.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drops a file from the page cache before any process maps it: written back ({@code sync}), then
 * {@code dd iflag=nocache count=0} (posix_fadvise DONTNEED), which needs no privileges but cannot
 * evict pages a live process maps. Checked with util-linux {@code fincore}; a test skips when
 * eviction did not take.
 */
final class Eviction {
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
        long resident = residentBytes(file);
        assumeTrue(resident >= 0, "fincore is not installed; cannot check the eviction");
        assumeTrue(resident < 1 << 20, "the page cache kept " + resident + " bytes of " + file + " after eviction");
    }

    /** Bytes of {@code file} in the page cache, as fincore counts them; -1 without fincore. */
    static long residentBytes(Path file) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("fincore", "--bytes", "--noheadings", "--output", "RES", file.toString()).start();
        } catch (IOException noFincore) {
            return -1;
        }
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0 || out.isEmpty()) {
            return -1;
        }
        return Long.parseLong(out);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }
}
