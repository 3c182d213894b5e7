package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Hazards another process causes are reported before the application pays for them. */
class HazardsIT {
    @Test
    void truncationIsReportedBeforeTheAccessThatFails(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("segment.dat");
        Path recording = dir.resolve("truncated.jfr");
        Path go = dir.resolve("go");
        ForkedJvm.Running app = ForkedJvm.workload("HazardTarget", "--file", file.toString(), "--size", "16m",
                        "--go-file", go.toString())
                .signallingReady(dir)
                .agent("record=" + recording + ",sample=500ms")
                .start();
        app.awaitReady(Duration.ofMinutes(2)); // it mapped the file
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(4096); // another process truncates the mapped file
        }
        app.awaitStderr("FILE_TRUNCATED", Duration.ofMinutes(1));
        Files.writeString(go, "go");
        ForkedJvm.Result run = app.await(Duration.ofMinutes(2)).assertSucceeded();
        assertTrue(run.value("error").contains("unsafe memory access"), run.value("error"));

        List<RecordedEvent> hazards = hazards(recording, "FILE_TRUNCATED");
        assertEquals(1, hazards.size(), "reported once\n" + run);
        RecordedEvent hazard = hazards.get(0);
        assertEquals(file.toAbsolutePath().toString(), hazard.getString("path"));
        assertEquals(4096, hazard.getLong("fileSize"));
        assertEquals(16L << 20, hazard.getLong("mappedSize"));
        Instant access = Instant.ofEpochMilli(Long.parseLong(run.value("access_at_ms")));
        assertTrue(hazard.getStartTime().isBefore(access), "reported at " + hazard.getStartTime() + ", failed at " + access);
    }

    @Test
    void deletingAMappedFileIsReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old-segment.dat");
        Path recording = dir.resolve("deleted.jfr");
        Path mapped = dir.resolve("map-0.dat");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:64k:64k")
                .holding(dir, "120")
                .agent("record=" + recording + ",sample=500ms")
                .runHeld(app -> {
                    Files.delete(mapped);
                    app.awaitStderr("FILE_DELETED", Duration.ofMinutes(1));
                }).assertSucceeded();
        List<RecordedEvent> hazards = hazards(recording, "FILE_DELETED");
        assertEquals(1, hazards.size());
        assertEquals(mapped.toAbsolutePath().toString(), hazards.get(0).getString("path"), "the path without (deleted)");
    }

    @Test
    void mapCountNearTheLimitIsReported(@TempDir Path dir) throws Exception {
        Path limit = Paths.get("/proc/sys/vm/max_map_count");
        assumeTrue("root".equals(System.getProperty("user.name")) && Files.isWritable(limit),
                "lowering vm.max_map_count needs root");
        Path recording = dir.resolve("limit.jfr");
        ForkedJvm.workload("ManyMappings", "--file", dir.resolve("many.dat").toString(),
                        "--count", "4200", "--size", "4k", "--file-size", "4k")
                .holding(dir, "120")
                .agent("record=" + recording + ",sample=500ms")
                .runHeld(app -> {
                    long count = Files.readAllLines(Paths.get("/proc/" + app.pid() + "/maps")).size();
                    // 95% of the new limit is in use; other processes on the machine stay far below 4,000 maps
                    try (SystemSetting lowered = SystemSetting.changed(limit, Long.toString(count * 100 / 95))) {
                        app.awaitStderr("MAP_COUNT_NEAR_LIMIT", Duration.ofMinutes(1));
                    }
                }).assertSucceeded();
        assertEquals(1, hazards(recording, "MAP_COUNT_NEAR_LIMIT").size());
    }

    @Test
    void aMapThatGrowsItsFileIsReported(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("grown.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_WRITE:0:1m:4096")
                .runRecording(recording);
        List<RecordedEvent> hazards = hazards(recording, "FILE_EXTENDED_BY_MAP");
        assertEquals(1, hazards.size());
        assertEquals(1L << 20, hazards.get(0).getLong("fileSize"), "the file's size after the map");
    }

    private static List<RecordedEvent> hazards(Path recording, String kind) throws Exception {
        return Recordings.events(recording, "mapwatch.MappingHazard").stream()
                .filter(e -> kind.equals(e.getString("kind")))
                .collect(Collectors.toList());
    }
}
