package io.mapwatch.cli.commands;

import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The executable jar, as ./mapwatch runs it: real exit codes, the demo end to end. */
class CliJarIT {
    @TempDir
    Path dir;

    @Test
    void demoEndsWithTheSummaryAndWritesTheReport() {
        Workload.Run run = Workload.cli("demo", "--seconds", "2", "--dir", dir.toString());

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("Mappings by file") && run.output().contains("Findings"), run.output());
        Path report = dir.resolve("mapwatch-demo.html");
        assertTrue(run.output().contains("The HTML report is " + report), run.output());
        assertTrue(Files.isRegularFile(report) && Files.isRegularFile(dir.resolve("mapwatch-demo.jfr")), run.output());
    }

    @Test
    void unusableInputExitsThreeWithOneSentence() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        Workload.Run run = Workload.cli("summary", empty.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.output());
        assertEquals("mapwatch: " + empty + " is empty, not a recording", run.output().strip());
        assertFalse(run.output().contains("Exception"), run.output());
    }
}
