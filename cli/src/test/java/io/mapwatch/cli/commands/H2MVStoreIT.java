package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.cli.workloads.H2MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real application under the agent: H2's MVStore on H2's memory-mapped file system
 * ({@code nioMapped:}). While the store is open and idle the test reads the store file's mapping
 * from {@code /proc/PID/maps}, as a user would with {@code grep x.mv.db /proc/PID/maps}; after a
 * normal close, {@code summary} must show that file with that size.
 *
 * <p>H2 maps the whole file and remaps it each time a write reaches past its end: the file grows
 * by a chunk per commit, and each growth is an unmap of the old mapping and a map of the new one.
 * How the old mapping goes depends on H2's {@code h2.nioCleanerHack}: with it, H2 unmaps it
 * ({@code Unsafe.invokeCleaner}) before mapping again; without it (H2's default), H2 drops the
 * buffer and calls {@code System.gc()} until it is collected, and the JDK unmaps it on the
 * Reference Handler thread, possibly after the new mapping is made.
 */
class H2MVStoreIT {
    private static final Duration BOUND = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void storeFileIsInSummaryWithTheSizeProcMapsShows() throws Exception {
        Quiescent store = openAndLook(List.of("-Dh2.nioCleanerHack=true"));

        Map<String, Object> row = store.summaryRow();
        long peak = Json.number(row, "peakMappedBytes");
        assertEquals(store.mapsBytes(), roundUpToPage(peak),
                "peakMappedBytes is the length H2 mapped; /proc/PID/maps shows it rounded up to whole pages");
        assertEquals(roundUpToPage(store.fileSize()), store.mapsBytes(), "H2 maps the whole file");
        assertTrue(Json.number(row, "maps") >= 2, "H2 remapped the file as it grew: " + row);
        assertEquals(Json.number(row, "maps"), Json.number(row, "unmaps"), "closing the store unmapped the last mapping");
        assertEquals(0, Json.number(row, "gcUnmaps"), "with the cleaner hack H2 unmaps explicitly: " + row);
    }

    @Test
    void withH2sDefaultGcUnmapsThePeakCountsTheOldMappingStillLive() throws Exception {
        Quiescent store = openAndLook(List.of());

        Map<String, Object> row = store.summaryRow();
        long peak = Json.number(row, "peakMappedBytes");
        System.out.printf("H2 with GC unmaps: peakMappedBytes %d, /proc/PID/maps %d when idle%n", peak, store.mapsBytes());
        assertEquals(Json.number(row, "maps"), Json.number(row, "gcUnmaps"), "every mapping was unmapped by the GC: " + row);
        assertTrue(roundUpToPage(peak) >= store.mapsBytes(), "the peak covers what maps showed: " + peak + " vs " + store.mapsBytes());
        // Overlap is the previous (smaller) mapping still live while the grown one is made.
        assertTrue(peak < 2 * store.mapsBytes(), "at most the old and the new mapping at once: " + peak + " vs " + store.mapsBytes());
    }

    /** The store's file, its size and its mapping as seen while the store was open and idle, and the recording. */
    private record Quiescent(Path file, long fileSize, long mapsBytes, Path recording) {
        /** The one row of {@code summary --format json} for the store file. */
        Map<String, Object> summaryRow() {
            CliRun run = CliRun.of("summary", "--format", "json", recording.toString());
            assertEquals(ExitCode.OK, run.exitCode(), run.toString());
            List<Map<String, Object>> rows = Json.array(run.json(), "mappings").stream()
                    .filter(r -> file.toString().equals(r.get("path"))).collect(Collectors.toList());
            assertEquals(1, rows.size(), "exactly one row for " + file + ": " + run.out());
            return rows.get(0);
        }
    }

    private Quiescent openAndLook(List<String> jvmOptions) throws Exception {
        Path file = dir.resolve("store.mv.db").toAbsolutePath();
        Path ready = dir.resolve("ready");
        Path recording = dir.resolve("h2.jfr");
        Workload.Started store = Workload.start(recording, jvmOptions, H2MVStore.class,
                "--file", file.toString(), "--size", "32m", "--commits", "8",
                "--hold", "600", "--ready-file", ready.toString());
        long mapsBytes;
        try {
            await(() -> Files.exists(ready) || !store.process().isAlive(), "the store to be written and idle");
            assertTrue(Files.exists(ready), "the workload ended early:\n" + store.outputSoFar());
            // A GC unmap of the previous mapping may still be on its way: wait until only the file's current mapping is left.
            await(() -> mappingsOf(store.pid(), file).size() == 1, "one mapping of " + file + " in /proc/PID/maps");
            mapsBytes = mappingsOf(store.pid(), file).get(0);
        } finally {
            Files.deleteIfExists(ready);
        }
        Workload.Run run = store.await();
        assertEquals(0, run.exitCode(), run.output());
        return new Quiescent(file, Long.parseLong(run.result("file_size")), mapsBytes, recording);
    }

    /** Lengths of the mappings of {@code file} in {@code /proc/PID/maps}, read the simple way. */
    private static List<Long> mappingsOf(long pid, Path file) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps")).stream()
                    .filter(line -> line.endsWith(" " + file))
                    .map(line -> {
                        String[] range = line.substring(0, line.indexOf(' ')).split("-");
                        return Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16);
                    })
                    .collect(Collectors.toList());
        } catch (IOException processEnded) {
            return List.of();
        }
    }

    private static long roundUpToPage(long bytes) throws IOException, InterruptedException {
        long page = pageSize();
        return (bytes + page - 1) / page * page;
    }

    private static long pageSize() throws IOException, InterruptedException {
        Process getconf = new ProcessBuilder("getconf", "PAGESIZE").start();
        String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, getconf.waitFor());
        return Long.parseLong(out);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "waited " + BOUND + " for " + what);
            Thread.sleep(50);
        }
    }
}
