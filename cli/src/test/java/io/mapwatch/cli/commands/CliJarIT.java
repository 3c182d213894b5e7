package io.mapwatch.cli.commands;

import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        assertFalse(run.output().contains("stall sampler did not run"), "the agent said its stall sampler ran: "
                + run.output());
        assertTrue(run.output().lines().anyMatch(l -> l.matches("(.*/)?cold\\.dat\\s+[1-9][0-9]*\\s.*")),
                "the cold phase mapped its file (a row with its maps): " + run.output());
        Path report = dir.resolve("mapwatch-demo.html");
        assertTrue(run.output().contains("The HTML report is " + report), run.output());
        assertTrue(Files.isRegularFile(report) && Files.isRegularFile(dir.resolve("mapwatch-demo.jfr")), run.output());
        assertFalse(Files.exists(dir.resolve("data")), "the workload's files are gone");

        Workload.Run again = Workload.cli("demo", "--seconds", "1", "--dir", dir.toString());
        assertEquals(0, again.exitCode(), "a folder an earlier demo made is the demo's own: " + again.output());
    }

    @Test
    void demoInATemporaryFolderRemovesIt() {
        Workload.Run run = Workload.cli("demo", "--seconds", "1");

        assertEquals(0, run.exitCode(), run.output());
        Matcher file = Pattern.compile("(?m)^  File: +(\\S+)$").matcher(run.output());
        assertTrue(file.find(), run.output());
        Path folder = Path.of(file.group(1)).getParent();
        assertTrue(folder.getFileName().toString().startsWith("mapwatch-demo"), folder.toString());
        assertFalse(Files.exists(folder), folder + " is removed without --keep");
        assertTrue(run.output().contains("run with --keep (or --dir DIR) to keep it"), run.output());
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
