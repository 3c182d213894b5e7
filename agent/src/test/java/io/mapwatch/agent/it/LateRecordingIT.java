package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production way: the agent loaded at JVM start without a recording, and a recording started
 * later by an operator with {@code jcmd JFR.start}. That recording knows every mapping made
 * before it, where it lies in memory (as /proc/PID/maps shows it) and which code made it.
 */
class LateRecordingIT {
    private static final Duration BOUND = Duration.ofMinutes(2);

    @Test
    void aRecordingStartedLaterKnowsTheMappingsMadeBeforeIt(@TempDir Path dir) throws Exception {
        Path ready = dir.resolve("ready");
        Path recording = dir.resolve("late.jfr");
        ForkedJvm.Running app = ForkedJvm.workload("MapScenario", "--dir", dir.toString(),
                        "--maps", "READ_ONLY:0:1m:1m,READ_WRITE:4096:64k:128k", "--hold", "120",
                        "--ready-file", ready.toString())
                .agent("")
                .start();
        Instant before;
        Map<String, Long> mapsAddresses;
        try {
            Waits.until(BOUND, () -> Files.exists(ready) || !app.process.isAlive(), "the workload to map and hold");
            mapsAddresses = ProcOfProcess.fileMappingStarts(app.pid(), dir);
            before = Instant.now();
            app.jcmd("JFR.start", "name=late");
            app.jcmd("JFR.dump", "name=late", "filename=" + recording);
        } finally {
            Files.deleteIfExists(ready);
        }
        app.await(BOUND).assertSucceeded();

        List<RecordedEvent> live = Recordings.events(recording, "mapwatch.LiveMapping");
        assertEquals(List.of(), Recordings.events(recording, "mapwatch.Map"), "both maps were made before the recording");
        Map<String, RecordedEvent> byPath = live.stream().collect(Collectors.toMap(e -> e.getString("path"), e -> e));
        assertEquals(2, byPath.size(), "one LiveMapping per live mapping: " + live);
        RecordedEvent readOnly = byPath.get(dir.resolve("map-0.dat").toString());
        RecordedEvent readWrite = byPath.get(dir.resolve("map-1.dat").toString());
        assertEquals("READ_ONLY", readOnly.getString("mode"));
        assertEquals(1 << 20, readOnly.getLong("size"));
        assertEquals(1 << 20, readOnly.getLong("mappedSize"));
        assertEquals("READ_WRITE", readWrite.getString("mode"));
        assertEquals(4096, readWrite.getLong("position"));
        assertEquals(64 << 10, readWrite.getLong("size"));
        assertEquals("ByteBuffer", readWrite.getString("api"));
        for (RecordedEvent mapping : live) {
            assertEquals(mapsAddresses.get(mapping.getString("path")), mapping.getLong("address"),
                    "the address /proc/PID/maps shows for " + mapping.getString("path"));
            assertTrue(mapping.getInstant("mappedAt").isBefore(before), "mapped before the recording started");
            assertTrue(mapping.getString("mappedFrom").startsWith("io.mapwatch.testapps.MapScenario.mapOne:"),
                    "the allocation site, below the JDK's frames: " + mapping.getString("mappedFrom"));
        }
    }

    /**
     * JFR's repository is not the application's: on JDK 17 a dump copies each chunk with
     * {@code FileChannel.transferTo}, which maps it. No mapwatch event names a file of the
     * repository, and AgentStatus counts the maps as the tool's own.
     */
    @Test
    void jfrsRepositoryIsNeverTheApplicationsMapping(@TempDir Path dir) throws Exception {
        Path ready = dir.resolve("ready");
        Path first = dir.resolve("first.jfr");
        Path second = dir.resolve("second.jfr");
        ForkedJvm.Running app = ForkedJvm.workload("MapScenario", "--dir", dir.toString(),
                        "--maps", "READ_ONLY:0:64k:64k", "--hold", "120", "--ready-file", ready.toString())
                .agent("sample=200ms")
                .start();
        String repository;
        try {
            Waits.until(BOUND, () -> Files.exists(ready) || !app.process.isAlive(), "the workload to map and hold");
            app.jcmd("JFR.start", "name=late");
            app.jcmd("JFR.dump", "name=late", "filename=" + first);
            app.jcmd("JFR.dump", "name=late", "filename=" + second); // holds what the first dump did
            repository = app.jcmd("VM.system_properties").lines()
                    .filter(line -> line.startsWith("jdk.jfr.repository="))
                    .map(line -> line.substring("jdk.jfr.repository=".length()).replace("\\:", ":"))
                    .findFirst().orElseThrow(() -> new AssertionError("JFR set no repository property"));
        } finally {
            Files.deleteIfExists(ready);
        }
        app.await(BOUND).assertSucceeded();

        for (String type : List.of("mapwatch.Map", "mapwatch.Unmap", "mapwatch.LiveMapping", "mapwatch.UntrackedMapping",
                "mapwatch.MappingResidency")) {
            for (RecordedEvent event : Recordings.events(second, type)) {
                String path = event.getString("path");
                assertTrue(path == null || !path.startsWith(repository),
                        type + " names JFR's repository " + repository + ": " + event);
            }
        }
        List<String> paths = Recordings.events(second, "mapwatch.LiveMapping").stream()
                .map(e -> e.getString("path")).distinct().collect(Collectors.toList());
        assertEquals(List.of(dir.resolve("map-0.dat").toString()), paths, "the application's one mapping, in each chunk");
    }

    /**
     * Whoever maps a file of JFR's repository (JDK 17 does when a dump copies a chunk and sendfile is
     * not available), it is the tool's file: counted in AgentStatus, never a mapwatch.Map.
     */
    @Test
    void aMapOfJfrsRepositoryIsCountedAsTheToolsOwn(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("own.jfr");
        ForkedJvm.Result result = ForkedJvm.workload("MapScenario", "--dir", "@jdk.jfr.repository",
                        "--maps", "READ_ONLY:0:4096:4096", "--unmap")
                .agent("record=" + recording)
                .run();
        result.assertSucceeded();
        assertTrue(result.stdout.contains("map=0 path="), result.stdout);
        assertEquals(List.of(), Recordings.events(recording, "mapwatch.Map"), "JFR's repository is not the application's");
        assertEquals(List.of(), Recordings.events(recording, "mapwatch.Unmap"));
        long ownMaps = Recordings.events(recording, "mapwatch.AgentStatus").stream()
                .mapToLong(e -> e.getLong("ownMaps")).max().orElse(-1);
        assertEquals(1, ownMaps, "the map counted as the tool's own, by the status at the end");
    }
}
