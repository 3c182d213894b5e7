package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.testapps.MapScenario;
import io.mapwatch.testapps.RandomReads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** faults and plan on recordings of RandomReads and MapScenario under the real agent. */
class FaultsAndPlanIT {
    @TempDir
    static Path dir;
    static Workload.Run reads;
    static Workload.Run scenario;

    @BeforeAll
    static void record() {
        reads = Workload.record(dir.resolve("reads.jfr"), RandomReads.class, "--file", dir.resolve("index.dat").toString(),
                "--size", "32m", "--threads", "2", "--warmup", "0.2", "--seconds", "1");
        assertEquals(0, reads.exitCode(), reads.output());
        scenario = Workload.record(dir.resolve("scenario.jfr"), MapScenario.class, "--dir", dir.resolve("s").toString(),
                "--maps", "READ_ONLY:0:4m:4m,READ_ONLY:0:2m:2m");
        assertEquals(0, scenario.exitCode(), scenario.output());
    }

    @Test
    void faultsSaysWhatItCouldAttribute() {
        CliRun run = CliRun.of("faults", "--format", "json", reads.recording().toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        Object json = run.json();
        assertTrue(Json.object(json, "attribution").keySet().containsAll(Set.of("stalls", "stallMillis", "stackMillis",
                "stackShare", "fileMillis", "fileShare", "majorFaults", "minorFaults")), run.out());
        for (String table : List.of("threads", "stacks", "files")) {
            assertTrue(((Map<?, ?>) json).get(table) instanceof List, table);
        }
        CliRun text = CliRun.of("faults", reads.recording().toString());
        assertTrue(text.out().contains("By thread") && text.out().contains("By Java stack") && text.out().contains("By file"),
                text.out());
    }

    @Test
    void planPerRecordingAndAcross() {
        CliRun run = CliRun.of("plan", "--format", "json", reads.recording().toString(), scenario.recording().toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        List<Map<String, Object>> rows = Json.array(run.json(), "plan");
        assertEquals(4, rows.size(), run.out());
        long readsMapped = Json.number(Json.row(rows, "source", reads.recording().toString()), "peakMappedBytes");
        long scenarioMapped = Json.number(Json.row(rows, "source", scenario.recording().toString()), "peakMappedBytes");
        assertEquals(Long.parseLong(reads.result("mapped_bytes")), readsMapped);
        assertEquals(6L << 20, scenarioMapped);
        assertEquals(Math.max(readsMapped, scenarioMapped), Json.number(Json.row(rows, "source", "largest of 2 recordings"),
                "peakMappedBytes"));
        assertEquals(readsMapped + scenarioMapped, Json.number(Json.row(rows, "source", "sum of 2 recordings"),
                "peakMappedBytes"));

        CliRun text = CliRun.of("plan", scenario.recording().toString());
        assertTrue(text.out().contains("Cache needed") && text.out().contains("Map count") && text.out().contains("Cgroup"),
                text.out());
    }
}
