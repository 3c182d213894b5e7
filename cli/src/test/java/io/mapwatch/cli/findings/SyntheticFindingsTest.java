package io.mapwatch.cli.findings;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.events.PageFaultsEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static io.mapwatch.cli.SyntheticRecording.hazard;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic: the rules whose events the agent does not emit yet (samplers, hazards), each on a
 * recording made in this JVM to cause it, and all of them on a healthy one.
 */
class SyntheticFindingsTest {
    private static final long ADDRESS = 0x7f1000000000L;
    private static final long MAPPED = 64L << 20;
    private static final String COLD = "/srv/index/cold.dat";

    @TempDir
    static Path dir;
    static Map<String, String> healthy;

    @BeforeAll
    static void healthyRecording() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(SyntheticRecording.source("stalls", MapwatchEvents.SOURCE_OK));
            map(COLD);
            faults(10, 0);
            processMemory(200);
            pressure(0.0, 0);
            for (int pass = 0; pass < 3; pass++) {
                residency(COLD, MAPPED);
            }
            SyntheticRecording.reads(COLD, 12);
            healthy = severities(synthetic.dump(dir.resolve("healthy.jfr")));
        }
    }

    @Test
    void healthyRecordingIsQuiet() {
        for (String rule : List.of("page-fault-stalls", "cold-mapped-reads", "page-cache-pressure", "deleted-file-mapped",
                "map-count-limit", "truncated-under-mapping", "map-failures", "gc-only-unmaps", "double-cached")) {
            assertEquals("OK", healthy.get(rule), rule + " in " + healthy);
        }
    }

    @Test
    void threadsBlockedInPageFaults() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            faults(10, 40);
            PageFaultStallEvent stall = SyntheticRecording.stall();
            SyntheticRecording.commitStall(stall, 400);
            assertEquals("WARNING", severities(synthetic.dump(dir.resolve("stalls.jfr"))).get("page-fault-stalls"));
        }
    }

    @Test
    void stallSamplerSwitchedOffIsNotApplicable() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            map(COLD);
            commit(SyntheticRecording.source("stalls", MapwatchEvents.SOURCE_OFF));
            commit(SyntheticRecording.source("pagemap", MapwatchEvents.SOURCE_OK));
            assertEquals("NOT_APPLICABLE", severities(synthetic.dump(dir.resolve("nostalls.jfr"))).get("page-fault-stalls"));
        }
    }

    @Test
    void mappingMostlyNotResidentWhileRead() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            map(COLD);
            for (int pass = 0; pass < 3; pass++) {
                residency(COLD, 1L << 20);
            }
            SyntheticRecording.reads(COLD, 12);
            assertEquals("WARNING", severities(synthetic.dump(dir.resolve("cold.jfr"))).get("cold-mapped-reads"));
        }
    }

    @Test
    void pageCachePressure() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            pressure(0.25, 50_000);
            assertEquals("WARNING", severities(synthetic.dump(dir.resolve("pressure.jfr"))).get("page-cache-pressure"));
        }
    }

    @Test
    void fileDeletedWhileMappedToTheEnd() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            map(COLD);
            commit(hazard(MapwatchEvents.HAZARD_FILE_DELETED, COLD, ADDRESS, MAPPED, -1));
            Path file = synthetic.dump(dir.resolve("deleted.jfr"));
            assertEquals("WARNING", severities(file).get("deleted-file-mapped"));
            Object mappings = CliRun.of("mappings", "--format", "json", file.toString()).json();
            Map<String, Object> deleted = Json.row(Json.array(mappings, "deletedFiles"), "path", COLD);
            assertEquals("still mapped", deleted.get("mappedAtEnd"));
        }
    }

    @Test
    void mapCountNearTheLimit() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            processMemory(60_000);
            Path file = synthetic.dump(dir.resolve("mapcount.jfr"));
            assertEquals("WARNING", severities(file).get("map-count-limit"));
            CliRun plan = CliRun.of("plan", "--format", "json", file.toString());
            Map<String, Object> row = Json.array(plan.json(), "plan").get(0);
            assertEquals(5530, Json.number(row, "mapCountHeadroom"), plan.out());
        }
    }

    @Test
    void fileTruncatedUnderAMapping() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            map(COLD);
            commit(hazard(MapwatchEvents.HAZARD_FILE_TRUNCATED, COLD, ADDRESS, MAPPED, 4096));
            Path file = synthetic.dump(dir.resolve("truncated.jfr"));
            assertEquals("WARNING", severities(file).get("truncated-under-mapping"));
            CliRun run = CliRun.of("summary", "--format", "json", "--fail-on", "warning", file.toString());
            assertEquals(ExitCode.FINDING, run.exitCode(), run.toString());
            Map<String, Object> hazard = Json.row(Json.array(run.json(), "hazards"), "kind", "FILE_TRUNCATED");
            assertEquals(COLD, hazard.get("path"));
            assertTrue(hazard.get("time").toString().endsWith("Z"));
        }
    }

    /** Severity by rule id, from summary's JSON. */
    static Map<String, String> severities(Path recording) {
        CliRun run = CliRun.of("summary", "--format", "json", recording.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        return Json.array(run.json(), "findings").stream()
                .collect(Collectors.toMap(f -> (String) f.get("id"), f -> (String) f.get("severity")));
    }

    static void map(String path) {
        commit(SyntheticRecording.map(path, ADDRESS, MAPPED));
    }

    static void faults(long minor, long major) {
        PageFaultsEvent faults = new PageFaultsEvent();
        faults.minorFaults = minor;
        faults.majorFaults = major;
        faults.interval = 1_000_000_000L;
        commit(faults);
    }

    static void processMemory(long mapCount) {
        commit(SyntheticRecording.processMemory(MAPPED, mapCount));
    }

    static void pressure(double psiSome, long refaults) {
        commit(SyntheticRecording.pressure(psiSome, refaults));
    }

    static void residency(String path, long cached) {
        commit(SyntheticRecording.residency(path, ADDRESS, MAPPED, cached));
    }
}
