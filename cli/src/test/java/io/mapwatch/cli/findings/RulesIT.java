package io.mapwatch.cli.findings;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.cli.workloads.MapAndRead;
import io.mapwatch.cli.workloads.TruncateUnderMap;
import io.mapwatch.testapps.ForceWriter;
import io.mapwatch.testapps.MapScenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules whose events the real agent emits today, each on a workload made to cause it, and a
 * healthy workload on which none fires.
 */
class RulesIT {
    @TempDir
    Path dir;

    @Test
    void healthyWorkloadFiresNothing() {
        Workload.Run run = Workload.record(dir.resolve("healthy.jfr"), MapScenario.class, "--dir", dir.toString(),
                "--maps", "READ_ONLY:0:64k:64k,READ_ONLY:0:1m:1m", "--unmap");
        assertEquals(0, run.exitCode(), run.output());
        CliRun summary = CliRun.of("summary", "--format", "json", "--fail-on", "info", run.recording().toString());
        assertEquals(ExitCode.OK, summary.exitCode(), "nothing at INFO or above: " + summary.out());
        Map<String, Object> stalls = Json.row(Json.array(summary.json(), "findings"), "id", "page-fault-stalls");
        assertEquals("OK", stalls.get("severity"), "the stall sampler ran and saw nothing worth a note: " + stalls);
    }

    @Test
    void forceLatencyOfAJournalThatForcesEveryRecord() {
        Workload.Run run = Workload.record(dir.resolve("force.jfr"), ForceWriter.class, "--file",
                dir.resolve("journal.dat").toString(), "--size", "4m", "--record", "4k", "--force-every", "4k",
                "--seconds", "3");
        assertEquals(0, run.exitCode(), run.output());
        long forces = Long.parseLong(run.result("forces"));

        CliRun summary = CliRun.of("summary", "--format", "json", run.recording().toString());
        Map<String, Object> journal = Json.row(Json.array(summary.json(), "mappings"), "path", dir.resolve("journal.dat").toString());
        assertEquals(forces, Json.number(journal, "forces"), "every force() recorded");
        Map<String, Object> finding = Json.row(Json.array(summary.json(), "findings"), "id", "force-latency");
        assertEquals("WARNING", finding.get("severity"), finding.toString());
        assertTrue(finding.get("summary").toString().startsWith(forces + " force() calls took"), finding.toString());
    }

    @Test
    void failedMapIsReportedWithItsMapCount() {
        Workload.Run run = Workload.record(dir.resolve("failed.jfr"), MapScenario.class, "--dir", dir.toString(),
                "--maps", "READ_ONLY:0:8k:4k");
        assertNotEquals(0, run.exitCode(), "a read-only channel cannot map past the end: " + run.output());

        Map<String, String> severities = severities(run.recording());
        assertEquals("WARNING", severities.get("map-failures"));
        assertEquals("OK", severities.get("map-count-limit"), "the failure's map count is far from the limit");
        Map<String, Object> failure = Json.array(CliRun.of("mappings", "--format", "json",
                run.recording().toString()).json(), "failures").get(0);
        assertEquals(dir.resolve("map-0.dat").toString(), failure.get("path"));
        assertEquals(8192, Json.number(failure, "size"));
        assertTrue(Json.number(failure, "mapCount") > 0, failure.toString());
        assertTrue(failure.get("site").toString().startsWith("io.mapwatch.testapps.MapScenario.mapOne:"), failure.toString());
    }

    @Test
    void mapThatGrowsItsFile() {
        Workload.Run run = Workload.record(dir.resolve("grow.jfr"), MapScenario.class, "--dir", dir.toString(),
                "--maps", "READ_WRITE:0:8k:4k");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("INFO", severities(run.recording()).get("map-extends-file"));
    }

    @Test
    void truncatedFileRaisesUnsafeAccessErrorsTiedToTheMapping() {
        Workload.Run run = Workload.record(dir.resolve("truncated.jfr"), TruncateUnderMap.class,
                dir.resolve("shrinking.dat").toString(), "3");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(Integer.parseInt(run.result("errors")) >= 1, run.output());

        CliRun summary = CliRun.of("summary", "--format", "json", run.recording().toString());
        Map<String, Object> finding = Json.row(Json.array(summary.json(), "findings"), "id", "truncated-under-mapping");
        assertEquals("WARNING", finding.get("severity"), finding.toString());
        // The summary starts with the truncation when the agent's sampler saw it before the JVM
        // ended (a race with a workload this short), else with the errors: look for them anywhere.
        assertTrue(Pattern.compile("\\d+ 'unsafe memory access' error\\(s\\)").matcher(finding.get("summary").toString()).find(),
                finding.toString());
        assertTrue(finding.get("summary").toString().contains("at io.mapwatch.cli.workloads.TruncateUnderMap"), finding.toString());
    }

    @Test
    void fileBothMappedAndReadIsCachedTwice() {
        Workload.Run run = Workload.record(dir.resolve("twice.jfr"), MapAndRead.ALL_READS, MapAndRead.class,
                dir.resolve("twice.dat").toString());
        assertEquals(0, run.exitCode(), run.output());
        Map<String, Object> finding = Json.row(Json.array(CliRun.of("summary", "--format", "json",
                run.recording().toString()).json(), "findings"), "id", "double-cached");
        assertEquals("WARNING", finding.get("severity"), finding.toString());
        assertEquals("1 mapped file(s) also read with read(): " + dir.resolve("twice.dat") + " (" + run.result("reads")
                + " read() calls, 128 MiB).", finding.get("summary"));
    }

    static Map<String, String> severities(Path recording) {
        CliRun run = CliRun.of("summary", "--format", "json", recording.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        return Json.array(run.json(), "findings").stream()
                .collect(Collectors.toMap(f -> (String) f.get("id"), f -> (String) f.get("severity")));
    }
}
