package io.mapwatch.cli.analysis;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static io.mapwatch.cli.SyntheticRecording.map;
import static io.mapwatch.cli.SyntheticRecording.residency;
import static io.mapwatch.cli.SyntheticRecording.workingSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Synthetic: the working set is the most touched in one window, all files together (not the sum of
 * each file's own most), a file's is its own most, and without windows plan falls back to the peak
 * resident bytes and says so.
 */
class WorkingSetTest {
    private static final String INDEX = "/srv/index/segment.dat";
    private static final String LOG = "/srv/log/journal.dat";
    private static final long MIB = 1L << 20;
    private static final Duration MINUTE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void theLargestWindowOfAllFilesTogetherIsTheWorkingSet() {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(map(INDEX, 0x7f1000000000L, 256 * MIB));
            commit(map(INDEX, 0x7f2000000000L, 256 * MIB));
            commit(map(LOG, 0x7f3000000000L, 64 * MIB));
            commit(residency(INDEX, 0x7f1000000000L, 256 * MIB, 256 * MIB));
            // window 1: the index 10 + 5 MiB, the log 4 MiB: 19 MiB together
            commit(workingSet(INDEX, 0x7f1000000000L, 256 * MIB, MINUTE.plusMillis(20), 10 * MIB, 256 * MIB));
            commit(workingSet(INDEX, 0x7f2000000000L, 256 * MIB, MINUTE.plusMillis(20), 5 * MIB, 100 * MIB));
            commit(workingSet(LOG, 0x7f3000000000L, 64 * MIB, MINUTE.plusMillis(20), 4 * MIB, 64 * MIB));
            // window 2: the index 12 + 4 MiB, the log 1 MiB: 17 MiB together, but more of the index
            commit(workingSet(INDEX, 0x7f1000000000L, 256 * MIB, MINUTE.minusMillis(30), 12 * MIB, 256 * MIB));
            commit(workingSet(INDEX, 0x7f2000000000L, 256 * MIB, MINUTE.minusMillis(30), 4 * MIB, 100 * MIB));
            commit(workingSet(LOG, 0x7f3000000000L, 64 * MIB, MINUTE.minusMillis(30), MIB, 64 * MIB));
            file = synthetic.dump(dir.resolve("windows.jfr"));
        }

        CliRun plan = CliRun.of("plan", "--format", "json", file.toString());
        assertEquals(ExitCode.OK, plan.exitCode(), plan.toString());
        Map<String, Object> row = Json.array(plan.json(), "plan").get(0);
        assertEquals(19 * MIB, Json.number(row, "workingSetBytes"), "window 1, every file of it: " + row);
        assertEquals("measured (referenced pages over 1 m)", row.get("workingSetBasis"));
        assertEquals(19 * MIB, Json.number(row, "pageCacheNeededBytes"));
        assertEquals(256 * MIB, Json.number(row, "peakResidentBytes"), "resident is not what is used");

        CliRun summary = CliRun.of("summary", "--format", "json", file.toString());
        Map<String, Object> index = Json.row(Json.array(summary.json(), "mappings"), "path", INDEX);
        Map<String, Object> log = Json.row(Json.array(summary.json(), "mappings"), "path", LOG);
        assertEquals(16 * MIB, Json.number(index, "workingSetBytes"), "the index's own most: window 2, both mappings");
        assertEquals(4 * MIB, Json.number(log, "workingSetBytes"));
    }

    @Test
    void withoutWindowsPlanFallsBackToPeakResidentAndSummaryHasNone() {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(map(INDEX, 0x7f1000000000L, 256 * MIB));
            commit(residency(INDEX, 0x7f1000000000L, 256 * MIB, 200 * MIB));
            file = synthetic.dump(dir.resolve("resident.jfr"));
        }

        Map<String, Object> row = Json.array(CliRun.of("plan", "--format", "json", file.toString()).json(), "plan").get(0);
        assertEquals(200 * MIB, Json.number(row, "workingSetBytes"));
        assertEquals("peak resident", row.get("workingSetBasis"));
        Map<String, Object> index = Json.row(Json.array(CliRun.of("summary", "--format", "json", file.toString()).json(),
                "mappings"), "path", INDEX);
        assertNull(index.get("workingSetBytes"), "not measured, not 0: " + index);
    }
}
