package io.mapwatch.cli.read;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A valid recording made without the agent: says so, shows what it can, exit 0. */
class NoMapwatchEventsTest {
    @Test
    void saysSoAndShowsWhatItCan(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.CPULoad").withPeriod(Duration.ofMillis(100));
            recording.start();
            Thread.sleep(300);
            recording.stop();
            recording.dump(file);
        }

        CliRun text = CliRun.of("summary", file.toString());
        assertEquals(ExitCode.OK, text.exitCode(), text.toString());
        assertTrue(text.out().contains("No mapwatch events: this recording was made without the mapwatch agent"), text.out());
        assertTrue(text.out().contains("Findings"), text.out());

        CliRun json = CliRun.of("summary", "--format", "json", file.toString());
        assertEquals(ExitCode.OK, json.exitCode(), json.toString());
        assertEquals(0, Json.array(json.json(), "mappings").size());
        assertTrue(Json.array(json.json(), "findings").stream().allMatch(f -> f.get("severity").equals("NOT_APPLICABLE")
                || f.get("severity").equals("OK")), json.out());
        for (String command : new String[]{"faults", "mappings", "plan"}) {
            CliRun run = CliRun.of(command, file.toString());
            assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        }
    }
}
