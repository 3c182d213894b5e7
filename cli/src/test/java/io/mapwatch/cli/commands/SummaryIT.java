package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.cli.render.TextRenderer;
import io.mapwatch.testapps.MapScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** summary on recordings made by MapScenario under the real agent: the numbers the workload knows. */
class SummaryIT {
    @TempDir
    static Path dir;
    static Path scenario;

    @BeforeAll
    static void record() {
        Workload.Run run = Workload.record(dir.resolve("scenario.jfr"), MapScenario.class,
                "--dir", dir.resolve("data").toString(),
                "--maps", "READ_ONLY:0:1m:1m,READ_WRITE:0:256k:256k,READ_WRITE:4096:64k:128k",
                "--force", "--load", "--unmap");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("3", run.result("maps"));
        scenario = run.recording();
    }

    @Test
    void jsonHasDesignKeysAndTheWorkloadsNumbers() {
        CliRun run = CliRun.of("summary", "--format", "json", scenario.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        Object json = run.json();

        Map<String, Object> recording = Json.object(json, "recording");
        assertTrue(recording.keySet().containsAll(Set.of("start", "end", "durationSeconds")), recording.toString());
        assertTrue(((Number) recording.get("durationSeconds")).doubleValue() > 0);

        List<Map<String, Object>> mappings = Json.array(json, "mappings");
        assertEquals(3, mappings.size(), "one row per file: " + mappings);
        for (Map<String, Object> row : mappings) {
            assertTrue(row.keySet().containsAll(Set.of("path", "maps", "unmaps", "peakMappedBytes", "peakResidentBytes",
                    "majorFaults", "stallMillis")), row.toString());
            assertEquals(1, Json.number(row, "maps"));
            assertEquals(1, Json.number(row, "unmaps"));
            assertEquals(1, Json.number(row, "loads"));
        }
        assertEquals(1 << 20, Json.number(file(mappings, "map-0.dat"), "peakMappedBytes"));
        assertEquals(256 << 10, Json.number(file(mappings, "map-1.dat"), "peakMappedBytes"));
        assertEquals(64 << 10, Json.number(file(mappings, "map-2.dat"), "peakMappedBytes"), "position 4096 is page-aligned");
        assertEquals(0, Json.number(file(mappings, "map-0.dat"), "forces"), "READ_ONLY is not forced");
        assertEquals(1, Json.number(file(mappings, "map-1.dat"), "forces"));
        assertEquals(1, Json.number(file(mappings, "map-2.dat"), "forces"));

        Map<String, Object> totals = Json.object(json, "totals");
        assertTrue(totals.keySet().containsAll(Set.of("peakMappedBytes", "peakResidentBytes", "majorFaults", "minorFaults",
                "stallMillis")), totals.toString());
        assertEquals((1 << 20) + (256 << 10) + (64 << 10), Json.number(totals, "peakMappedBytes"), "all three live at once");
        assertEquals(3, Json.number(totals, "maps"));
        assertEquals(0, Json.number(totals, "liveAtEndBytes"));

        assertTrue(((Map<?, ?>) json).get("untracked") instanceof List, "untracked is a list");
        assertTrue(((Map<?, ?>) json).get("hazards") instanceof List, "hazards is a list");
        List<Map<String, Object>> findings = Json.array(json, "findings");
        assertTrue(findings.size() >= 8, findings.toString());
        for (Map<String, Object> finding : findings) {
            assertTrue(finding.keySet().containsAll(Set.of("id", "severity", "summary")), finding.toString());
        }
    }

    @Test
    void textFitsATerminal() {
        CliRun run = CliRun.of("summary", scenario.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Mappings by file") && run.out().contains("force() by file"), run.out());
        assertTrue(run.out().lines().filter(l -> !l.startsWith("    ")).allMatch(l -> l.length() <= TextRenderer.WIDTH),
                run.out());
    }

    @Test
    void csvListsEveryFile() {
        CliRun run = CliRun.of("summary", "--format", "csv", "--table", "mappings", scenario.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("path,maps,unmaps,peakMappedBytes,"), run.out());
        assertEquals(3, run.out().lines().filter(l -> l.contains("/map-") && l.contains(".dat,1,1,")).count(), run.out());
    }

    @Test
    void manyFilesAreGroupedByDirectoryInTextOnly() {
        StringJoiner maps = new StringJoiner(",");
        for (int i = 0; i < 24; i++) {
            maps.add("READ_ONLY:0:4k:4k");
        }
        Workload.Run many = Workload.record(dir.resolve("many.jfr"), MapScenario.class,
                "--dir", dir.resolve("many").toString(), "--maps", maps.toString());
        assertEquals(0, many.exitCode(), many.output());

        CliRun text = CliRun.of("summary", many.recording().toString());
        assertTrue(text.out().contains("Mappings by directory"), text.out());
        assertTrue(text.out().contains(dir.resolve("many") + "/"), text.out());
        assertTrue(text.out().contains("24 files in 1 directories"), text.out());
        List<Map<String, Object>> json = Json.array(CliRun.of("summary", "--format", "json",
                many.recording().toString()).json(), "mappings");
        assertEquals(24, json.size(), "JSON never groups");
    }

    @Test
    void failOnTurnsFindingsIntoExitCodeOne() {
        Workload.Run grows = Workload.record(dir.resolve("grows.jfr"), MapScenario.class,
                "--dir", dir.resolve("grows").toString(), "--maps", "READ_WRITE:0:8k:4k");
        assertEquals(0, grows.exitCode(), grows.output());
        String file = grows.recording().toString();
        assertEquals(ExitCode.FINDING, CliRun.of("summary", "--fail-on", "info", file).exitCode());
        assertEquals(ExitCode.OK, CliRun.of("summary", "--fail-on", "warning", file).exitCode());
        assertEquals(ExitCode.OK, CliRun.of("summary", file).exitCode());
    }

    private static Map<String, Object> file(List<Map<String, Object>> rows, String name) {
        return rows.stream().filter(r -> r.get("path").toString().endsWith("/" + name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + rows));
    }
}
