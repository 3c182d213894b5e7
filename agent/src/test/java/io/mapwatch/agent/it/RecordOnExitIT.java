package io.mapwatch.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recording that was asked for is written however the JVM ends, short of SIGKILL. */
class RecordOnExitIT {
    @Test
    void writtenWhenTheApplicationCallsSystemExit(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("exit.jfr");
        ForkedJvm.Result run = ForkedJvm.workload("MapScenario", "--dir", dir.toString(),
                        "--maps", "READ_ONLY:0:4096:4096,READ_ONLY:0:8192:8192", "--exit", "3")
                .agent("record=" + recording)
                .run();
        assertEquals(3, run.exitCode, "the application's own exit code is kept\n" + run);
        assertEquals(2, Recordings.events(recording, "mapwatch.Map").size());
    }

    @Test
    void writtenOnSigterm(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("sigterm.jfr");
        ForkedJvm.Running jvm = ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:4096:4096")
                .holding(dir, "600")
                .agent("record=" + recording)
                .start();
        jvm.awaitReady(Duration.ofMinutes(2));
        jvm.process.destroy(); // SIGTERM
        ForkedJvm.Result run = jvm.await(Duration.ofMinutes(2));
        assertEquals(143, run.exitCode, "terminated by SIGTERM\n" + run);
        assertTrue(Files.size(recording) > 0);
        assertEquals(1, Recordings.events(recording, "mapwatch.Map").size());
    }
}
