package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.JfrRepository;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.testapps.MapScenario;
import io.mapwatch.testapps.RandomReads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * maps on a live RandomReads (no agent), compared with what this test reads from its smaps itself; and on a
 * ZGC JVM, whose heap smaps prints like a deleted file.
 */
class MapsIT {
    private static final long SIZE = 64L << 20;

    @TempDir
    Path dir;

    @Test
    void figuresMatchTheProcessesOwnSmaps() throws Exception {
        Path data = dir.resolve("index.dat");
        Path ready = dir.resolve("ready");
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", Paths.get(RandomReads.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString(), RandomReads.class.getName(), "--file", data.toString(), "--size", "64m", "--warmup", "0.1",
                "--seconds", "0.5", "--hold", "120", "--ready-file", ready.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("reads.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(ready) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(ready), "the workload never got ready: " + Files.readString(dir.resolve("reads.log")));

            long[] own = sizeAndRss(Path.of("/proc", Long.toString(process.pid()), "smaps"), data.toString());
            CliRun run = CliRun.of("maps", "--format", "json", Long.toString(process.pid()));
            long[] ownAfter = sizeAndRss(Path.of("/proc", Long.toString(process.pid()), "smaps"), data.toString());

            assertEquals(ExitCode.OK, run.exitCode(), run.toString());
            Map<String, Object> file = Json.row(Json.array(run.json(), "files"), "path", data.toString());
            assertEquals(SIZE, Json.number(file, "sizeBytes"));
            assertEquals(SIZE, own[0]);
            long rss = Json.number(file, "rssBytes");
            assertTrue(rss >= Math.min(own[1], ownAfter[1]) && rss <= Math.max(own[1], ownAfter[1]),
                    "Rss " + rss + " between what the test read before (" + own[1] + ") and after (" + ownAfter[1] + ")");
            assertTrue(Json.number(file, "pssBytes") <= rss);
            assertEquals(process.pid(), Json.number(Json.object(run.json(), "process"), "pid"));
        } finally {
            Files.deleteIfExists(ready);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void zgcHeapInAMemfdIsNeitherAMappedFileNorAnUntrackedOne() throws Exception {
        Path recording = dir.resolve("zgc.jfr");
        Path repository = dir.resolve("jfr-repository");
        Path ready = dir.resolve("ready");
        Workload.Started jvm = Workload.start(recording, List.of("-XX:+UseZGC", "-Xmx64m", JfrRepository.jvmOption(repository)),
                MapScenario.class, "--dir", dir.toString(), "--maps", "READ_ONLY:0:64k:64k", "--hold", "120",
                "--ready-file", ready.toString());
        String modules = Paths.get(System.getProperty("java.home"), "lib", "modules").toRealPath().toString();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(ready) && jvm.process().isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(ready), "the workload never got ready: " + jvm.outputSoFar());
            assertTrue(Files.readString(Path.of("/proc", Long.toString(jvm.pid()), "maps")).contains(" /memfd:java_heap"),
                    "ZGC keeps its heap in a memfd");

            CliRun maps = CliRun.of("maps", "--format", "json", Long.toString(jvm.pid()));
            assertEquals(ExitCode.OK, maps.exitCode(), maps.toString());
            List<String> files = paths(Json.array(maps.json(), "files"));
            assertTrue(files.contains(modules) && files.contains(dir.resolve("map-0.dat").toString()), files.toString());
            assertFalse(files.stream().anyMatch(path -> path.contains("memfd:")), files.toString());

            JfrRepository.await(repository, Duration.ofMinutes(2), jvm.command(), "mapwatch.UntrackedMapping " + modules);
        } finally {
            Files.deleteIfExists(ready);
        }
        assertEquals(0, jvm.await().exitCode());

        CliRun summary = CliRun.of("summary", "--format", "json", recording.toString());
        assertEquals(ExitCode.OK, summary.exitCode(), summary.toString());
        List<String> untracked = paths(Json.array(summary.json(), "untracked"));
        assertTrue(untracked.contains(modules), untracked.toString());
        assertFalse(untracked.stream().anyMatch(path -> path.contains("memfd:")), untracked.toString());
    }

    @Test
    void noSuchProcessIsUnusableInput() {
        CliRun run = CliRun.of("maps", "999999999");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals("mapwatch: no process with id 999999999", run.err().strip());
        assertEquals(ExitCode.USAGE, CliRun.of("maps", "not-a-pid").exitCode());
    }

    /** Size and Rss in bytes of the mappings of {@code path}, summed, read the simple way. */
    private static long[] sizeAndRss(Path smaps, String path) throws IOException {
        long[] sums = new long[2];
        boolean inFile = false;
        for (String line : Files.readAllLines(smaps)) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inFile = line.endsWith(" " + path);
            } else if (inFile && line.startsWith("Size:")) {
                sums[0] += kilobytes(line) * 1024;
            } else if (inFile && line.startsWith("Rss:")) {
                sums[1] += kilobytes(line) * 1024;
            }
        }
        return sums;
    }

    private static long kilobytes(String line) {
        List<String> parts = List.of(line.trim().split("\\s+"));
        return Long.parseLong(parts.get(1));
    }

    private static List<String> paths(List<Map<String, Object>> rows) {
        return rows.stream().map(row -> (String) row.get("path")).collect(Collectors.toList());
    }
}
