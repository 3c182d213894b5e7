package io.mapwatch.cli.analysis;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.events.MappedReadEvent;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.events.PageFaultsEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static io.mapwatch.cli.SyntheticRecording.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic: stall figures are "not measured" exactly when they were not. Whether the stall sampler
 * ran comes from {@code mapwatch.SourceStatus}, not from the event types the recording declares (a
 * recording of the agent declares them all); a file's stalls that could not be tied to it are unknown.
 */
class StallsMeasuredTest {
    private static final String HOT = "/srv/index/hot.dat";
    private static final String COLD = "/srv/index/cold.dat";
    private static final long SIZE = 8L << 20;

    @TempDir
    Path dir;

    @Test
    void stallSamplerOnAndNoStallIsMeasuredNone() {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(SyntheticRecording.source("stalls", MapwatchEvents.SOURCE_OK));
            commit(map(HOT, 0x7f1000000000L, SIZE));
            commit(faults(0));
            file = synthetic.dump(dir.resolve("quiet.jfr"));
        }

        CliRun run = CliRun.of("summary", "--format", "json", file.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        assertEquals(0, Json.number(Json.object(run.json(), "totals"), "stallMillis"));
        Map<String, Object> hot = Json.row(Json.array(run.json(), "mappings"), "path", HOT);
        assertEquals(0, Json.number(hot, "stallMillis"));
        assertEquals(0, Json.number(hot, "majorFaults"));
        assertEquals("OK", finding(run, "page-fault-stalls").get("severity"));
        CliRun faults = CliRun.of("faults", file.toString());
        assertTrue(!faults.out().contains("the stall sampler did not run"), faults.out());
    }

    @Test
    void declaredEventTypesAloneDoNotMeanTheSamplerRan() {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(map(HOT, 0x7f1000000000L, SIZE));
            file = synthetic.dump(dir.resolve("unknown.jfr"));
        }

        CliRun run = CliRun.of("summary", "--format", "json", file.toString());
        Map<String, Object> totals = Json.object(run.json(), "totals");
        assertTrue(totals.containsKey("stallMillis") && totals.get("stallMillis") == null, totals.toString());
        assertNull(Json.row(Json.array(run.json(), "mappings"), "path", HOT).get("stallMillis"));
        assertEquals("NOT_APPLICABLE", finding(run, "page-fault-stalls").get("severity"));
        assertTrue(CliRun.of("faults", file.toString()).out().contains("the stall sampler did not run"));
    }

    @Test
    void stallsNotTiedToAFileAreUnknownForEachFile() {
        Path file = stallsOnTwoFiles("untied.jfr", true);

        CliRun json = CliRun.of("summary", "--format", "json", file.toString());
        Map<String, Object> hot = Json.row(Json.array(json.json(), "mappings"), "path", HOT);
        assertEquals(3, Json.number(hot, "majorFaults"), "the faults of the stall tied to the file");
        assertTrue(Json.number(hot, "stallMillis") >= 20, hot.toString());
        Map<String, Object> cold = Json.row(Json.array(json.json(), "mappings"), "path", COLD);
        assertTrue(cold.containsKey("stallMillis") && cold.get("stallMillis") == null, "unknown, not 0: " + cold);
        assertNull(cold.get("majorFaults"), cold.toString());

        CliRun csv = CliRun.of("summary", "--format", "csv", "--table", "mappings", file.toString());
        String coldLine = csv.out().lines().filter(l -> l.startsWith(COLD + ",")).findFirst().orElseThrow();
        assertTrue(coldLine.startsWith(COLD + ",1,0," + SIZE + ",,,,,"), "empty cells for what was not measured: " + coldLine);
        CliRun text = CliRun.of("summary", file.toString());
        String coldRow = text.out().lines().filter(l -> l.startsWith(COLD)).findFirst().orElseThrow();
        assertTrue(coldRow.matches(".*\\s-\\s+-\\s+8\\.00 MiB$"), "'-' under MAJ FLT and STALL: " + coldRow);
    }

    @Test
    void everyStallTiedToAFileLeavesTheOtherFilesAtNone() {
        Path file = stallsOnTwoFiles("tied.jfr", false);

        CliRun run = CliRun.of("summary", "--format", "json", file.toString());
        Map<String, Object> cold = Json.row(Json.array(run.json(), "mappings"), "path", COLD);
        assertEquals(0, Json.number(cold, "stallMillis"));
        assertEquals(0, Json.number(cold, "majorFaults"));
    }

    /**
     * HOT and COLD mapped, a stall with 3 major faults tied to HOT and, when {@code untied}, another
     * with 2 tied to no file; the process counts all their major faults.
     */
    private Path stallsOnTwoFiles(String name, boolean untied) {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(SyntheticRecording.source("stalls", MapwatchEvents.SOURCE_OK));
            commit(map(HOT, 0x7f1000000000L, SIZE));
            commit(map(COLD, 0x7f2000000000L, SIZE));
            commit(faults(untied ? 5 : 3));
            stallDuringReadOf(HOT, 3);
            if (untied) {
                SyntheticRecording.commitStall(stall(2), 30);
            }
            return synthetic.dump(dir.resolve(name));
        }
    }

    /** A stall of this thread with {@code majorFaults}, inside a timed read of {@code path}: the stall is tied to it. */
    private static void stallDuringReadOf(String path, long majorFaults) {
        MappedReadEvent read = new MappedReadEvent();
        read.begin();
        SyntheticRecording.commitStall(stall(majorFaults), 30);
        read.path = path;
        read.bytesRead = 1 << 20;
        read.end();
        read.commit();
    }

    private static PageFaultStallEvent stall(long majorFaults) {
        PageFaultStallEvent stall = new PageFaultStallEvent();
        stall.osThreadId = SyntheticRecording.osThreadId();
        stall.threadName = Thread.currentThread().getName();
        stall.samples = 3;
        stall.majorFaults = majorFaults;
        return stall;
    }

    private static PageFaultsEvent faults(long major) {
        PageFaultsEvent faults = new PageFaultsEvent();
        faults.minorFaults = 100;
        faults.majorFaults = major;
        faults.interval = 1_000_000_000L;
        return faults;
    }

    private static Map<String, Object> finding(CliRun run, String id) {
        return Json.row(Json.array(run.json(), "findings"), "id", id);
    }
}
