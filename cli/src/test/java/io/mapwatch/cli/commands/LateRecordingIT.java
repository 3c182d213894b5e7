package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Jcmd;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.cli.read.ChunkScan;
import io.mapwatch.cli.workloads.MapsWhenAsked;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent loaded at start, a recording that begins after a mapping was made: a forked
 * {@link MapsWhenAsked} maps a file, then is recorded by {@code mapwatch record PID}, by
 * {@code jcmd JFR.start} / {@code JFR.dump} across rotated chunks, and by a continuous recording
 * whose {@code maxage} dropped the chunk with the map. Each recording knows the early mapping from
 * its first moment, counts it once, and lists none of JFR's own files.
 */
class LateRecordingIT {
    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final long SIZE = 64 * 1024;

    @TempDir
    Path dir;
    private Process target;
    private Path stdout;
    private Path before;

    /** Starts the target with the agent and {@code jvmOptions}, and waits for its first mapping. */
    private void startTarget(String... jvmOptions) throws Exception {
        stdout = dir.resolve("target.out");
        List<String> options = new ArrayList<>(List.of("-javaagent:" + Workload.agentJar(),
                "-XX:FlightRecorderOptions:repository=" + dir.resolve("jfr-repository")));
        options.addAll(List.of(jvmOptions));
        target = new ProcessBuilder(Workload.java(options, MapsWhenAsked.class, dir.resolve("data").toString()))
                .redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
        before = Path.of(awaitOutput("before="));
    }

    @AfterEach
    void endTarget() throws InterruptedException {
        if (target != null) {
            target.destroyForcibly().waitFor();
        }
    }

    @Test
    void recordPidKnowsTheMappingMadeBeforeIt() throws Exception {
        startTarget();
        Path recording = dir.resolve("record.jfr");
        CliRun record = CliRun.of("record", Long.toString(target.pid()), "--duration", "2s", "-o", recording.toString());
        assertEquals(ExitCode.OK, record.exitCode(), record.toString());

        assertKnowsTheEarlyMapping(recording, SIZE);
    }

    @Test
    void jfrDumpOfRotatedChunksCountsTheEarlyMappingOnce() throws Exception {
        startTarget();
        jcmd("JFR.start", "name=late", "settings=default", "settings=" + mapwatchSettings());
        Path after = ask();
        jcmd("JFR.start", "name=rotate");
        jcmd("JFR.stop", "name=rotate");
        Path recording = dir.resolve("dump.jfr");
        jcmd("JFR.dump", "name=late", "filename=" + recording);
        assertTrue(ChunkScan.of(recording).chunks() >= 2, "the second recording began a new chunk");

        Object summary = assertKnowsTheEarlyMapping(recording, 2 * SIZE);
        Map<String, Object> later = Json.row(Json.array(summary, "mappings"), "path", after.toString());
        assertEquals(1, Json.number(later, "maps"));
        assertEquals(SIZE, Json.number(later, "peakMappedBytes"));
    }

    @Test
    void continuousRecordingWhoseMaxageDroppedTheMapKnowsTheMapping() throws Exception {
        startTarget("-XX:StartFlightRecording:name=continuous,maxage=1s,settings=default,settings=" + mapwatchSettings());
        Path recording = dir.resolve("continuous.jfr");
        long deadline = System.nanoTime() + BOUND.toNanos();
        do {
            assertTrue(System.nanoTime() < deadline, "JFR kept the chunk with the map for " + BOUND);
            Thread.sleep(1100);
            jcmd("JFR.start", "name=rotate");
            jcmd("JFR.stop", "name=rotate");
            Files.deleteIfExists(recording);
            jcmd("JFR.dump", "name=continuous", "filename=" + recording);
        } while (mapEventsOf(recording, before) > 0);

        assertKnowsTheEarlyMapping(recording, SIZE);
    }

    private static long mapEventsOf(Path recording, Path file) throws IOException {
        return RecordingFile.readAllEvents(recording).stream().filter(e -> e.getEventType().getName().equals("mapwatch.Map")
                && file.toString().equals(e.getString("path"))).count();
    }

    /** Checks what every late recording must tell of {@code before}; returns summary's JSON. */
    private Object assertKnowsTheEarlyMapping(Path recording, long peakMapped) {
        CliRun summary = CliRun.of("summary", "--format", "json", recording.toString());
        assertEquals(ExitCode.OK, summary.exitCode(), summary.toString());
        Object json = summary.json();
        Map<String, Object> early = Json.row(Json.array(json, "mappings"), "path", before.toString());
        assertEquals(0, Json.number(early, "maps"), "mapped before the recording");
        assertEquals(SIZE, Json.number(early, "peakMappedBytes"), summary.out());
        assertEquals(SIZE, Json.number(early, "liveAtEndBytes"), summary.out());
        assertEquals(peakMapped, Json.number(Json.object(json, "totals"), "peakMappedBytes"), "each mapping once");
        for (String table : List.of("mappings", "untracked")) {
            assertTrue(Json.array(json, table).stream().noneMatch(r -> r.get("path").toString().endsWith(".jfr")),
                    "JFR's repository is not the user's: " + Json.array(json, table));
        }
        Map<String, Object> stalls = Json.row(Json.array(json, "findings"), "id", "page-fault-stalls");
        assertNotEquals("NOT_APPLICABLE", stalls.get("severity"), "the stall sampler ran: " + stalls);
        if (Json.number(Json.object(json, "totals"), "stallMillis") == 0) {
            assertEquals("OK", stalls.get("severity"), stalls.toString());
        }

        Map<String, Object> live = Json.row(Json.array(CliRun.of("mappings", "--format", "json", recording.toString())
                .json(), "live"), "path", before.toString());
        assertTrue(String.valueOf(live.get("site")).startsWith(MapsWhenAsked.class.getName() + "."),
                "the allocation site the agent kept: " + live);
        return json;
    }

    /** Asks the target for one more mapping and returns its path once made. */
    private Path ask() throws IOException, InterruptedException {
        long done = output().lines().filter(l -> l.startsWith("after=")).count();
        Path ask = Files.writeString(dir.resolve("data/ask"), "map");
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (Files.exists(ask) || output().lines().filter(l -> l.startsWith("after=")).count() == done) {
            assertTrue(System.nanoTime() < deadline, "the workload did not map in " + BOUND + ": " + output());
            Thread.sleep(20);
        }
        return Path.of(output().lines().filter(l -> l.startsWith("after=")).skip(done).findFirst().orElseThrow()
                .substring("after=".length()));
    }

    private String awaitOutput(String prefix) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (output().lines().noneMatch(l -> l.startsWith(prefix))) {
            assertTrue(target.isAlive() && System.nanoTime() < deadline, "no " + prefix + " in " + BOUND + ": " + output());
            Thread.sleep(20);
        }
        return output().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow().substring(prefix.length());
    }

    private String output() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    /** The agent's mapwatch.jfc, out of its jar, as a user would take it. */
    private Path mapwatchSettings() throws IOException {
        Path jfc = dir.resolve("mapwatch.jfc");
        try (JarFile jar = new JarFile(Workload.agentJar().toFile());
             InputStream in = jar.getInputStream(jar.getEntry("mapwatch.jfc"))) {
            Files.copy(in, jfc);
        }
        return jfc;
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        Jcmd.run(target.pid(), command);
    }
}
