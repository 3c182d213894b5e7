package io.mapwatch.cli.analysis;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.events.MappedReadEvent;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.events.PageFaultsEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic: a stall of this thread during a timed mapped read, then this thread spinning where
 * JFR's sampler catches it. faults must tie the stall to the read's file and to the spinning stack.
 */
class StallJoinTest {
    private static final String FILE = "/srv/index/segment-7.dat";

    @Test
    void stallIsTiedToTheFileReadAndToTheStackSampledRightAfter(@TempDir Path dir) {
        Path recording = SyntheticRecording.untilSampledSpinning(attempt -> stallThenSpin(dir.resolve("stall-" + attempt + ".jfr")));

        CliRun run = CliRun.of("faults", "--format", "json", recording.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        Object json = run.json();
        Map<String, Object> attribution = Json.object(json, "attribution");
        assertEquals(1, Json.number(attribution, "stalls"));
        assertTrue(Json.number(attribution, "stallMillis") >= 200, run.out());
        assertEquals(Json.number(attribution, "stallMillis"), Json.number(attribution, "fileMillis"), run.out());
        Map<String, Object> file = Json.row(Json.array(json, "files"), "path", FILE);
        assertEquals(5, Json.number(file, "majorFaults"));
        Map<String, Object> thread = Json.row(Json.array(json, "threads"), "thread", "index-reader");
        assertEquals(1, Json.number(thread, "stalls"));
        List<Map<String, Object>> stacks = Json.array(json, "stacks");
        assertEquals(1, stacks.size(), "the sample right after the stall gives its stack: " + run.out());
        assertTrue(stacks.get(0).get("frames").toString().contains("SyntheticRecording.spinWhereTheSamplerSeesIt"), run.out());

        Map<String, Object> mapping = Json.row(Json.array(CliRun.of("summary", "--format", "json",
                recording.toString()).json(), "findings"), "id", "page-fault-stalls");
        assertEquals("WARNING", mapping.get("severity"));
    }

    private static Path stallThenSpin(Path file) {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            PageFaultsEvent faults = new PageFaultsEvent();
            faults.majorFaults = 5;
            commit(faults);
            MappedReadEvent read = new MappedReadEvent();
            read.begin();
            PageFaultStallEvent stall = new PageFaultStallEvent();
            stall.osThreadId = SyntheticRecording.osThreadId();
            stall.threadName = "index-reader";
            stall.samples = 10;
            stall.majorFaults = 5;
            stall.blockedTime = 200_000_000;
            stall.begin();
            SyntheticRecording.sleep(200);
            stall.end();
            stall.commit();
            SyntheticRecording.spinWhereTheSamplerSeesIt(60);
            read.path = FILE;
            read.offset = 8192;
            read.bytesRead = 1 << 20;
            read.end();
            read.commit();
            return synthetic.dump(file);
        }
    }
}
