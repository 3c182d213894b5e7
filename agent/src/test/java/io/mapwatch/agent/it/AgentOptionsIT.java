package io.mapwatch.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever the option string, the application starts and its stdout is its own; each problem is
 * one {@code [mapwatch]} line on stderr.
 */
class AgentOptionsIT {
    @Test
    void badOptionsPrintOneLineEachAndTheApplicationRuns(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("rec.jfr");
        String options = " record = " + recording + " ,sample=fast,stalls=0ms,residency=-5s,smaps=99999999999999999999h,"
                + "color=blue,access=maybe,log=warn,log";
        ForkedJvm.Result plain = scenario(dir.resolve("plain"), null);
        ForkedJvm.Result bad = scenario(dir.resolve("bad"), options);

        assertEquals(0, bad.exitCode, bad.toString());
        assertEquals(stdoutWithoutPaths(plain), stdoutWithoutPaths(bad), "the application's output is unchanged");
        List<String> ours = mapwatchLines(bad.stderr);
        assertEquals(7, ours.size(), "one line per problem:\n" + bad.stderr);
        assertTrue(ours.stream().anyMatch(l -> l.contains("'color'")));
        assertTrue(ours.stream().anyMatch(l -> l.contains("sample") && l.contains("1s")), "says the default it keeps");
        assertEquals(1, Recordings.events(recording, "mapwatch.Map").size(), "a trimmed record= still records");
    }

    @Test
    void recordingInAMissingFolderIsRefusedAtStart(@TempDir Path dir) throws Exception {
        Path nowhere = dir.resolve("no/such/folder/rec.jfr");
        ForkedJvm.Result run = scenario(dir, "record=" + nowhere);
        assertEquals(0, run.exitCode);
        List<String> ours = mapwatchLines(run.stderr);
        assertEquals(1, ours.size(), run.stderr);
        assertTrue(ours.get(0).contains("does not exist"), ours.get(0));
        assertFalse(Files.exists(nowhere));
    }

    @Test
    void helpGoesToStderrAndTheApplicationRuns(@TempDir Path dir) throws Exception {
        ForkedJvm.Result run = scenario(dir, "help");
        assertEquals(0, run.exitCode);
        assertFalse(run.stdout.contains("[mapwatch]"), "nothing of ours on stdout");
        List<String> ours = mapwatchLines(run.stderr);
        for (String option : List.of("record=", "maxage=", "maxsize=", "sample=", "residency=", "smaps=", "stalls=",
                "access=", "redact=", "log=")) {
            assertTrue(ours.stream().anyMatch(l -> l.contains(option)), option + " in help:\n" + run.stderr);
        }
        assertEquals("1", run.value("maps"));
    }

    @Test
    void redactedPathsAreStableHashes(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("redacted.jfr");
        scenario(dir, "record=" + recording + ",redact=paths").assertSucceeded();
        String path = Recordings.events(recording, "mapwatch.Map").get(0).getString("path");
        assertFalse(path.contains("map-0"), path);
        assertTrue(path.matches("(/[0-9a-f]{12})+"), path);
        Path again = dir.resolve("again.jfr");
        scenario(dir, "record=" + again + ",redact=paths").assertSucceeded();
        assertEquals(path, Recordings.events(again, "mapwatch.Map").get(0).getString("path"), "stable across runs");
    }

    private static ForkedJvm.Result scenario(Path dir, String options) throws Exception {
        Files.createDirectories(dir);
        ForkedJvm jvm = ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:4096:4096");
        if (options != null) {
            jvm.agent(options);
        }
        return jvm.run();
    }

    private static String stdoutWithoutPaths(ForkedJvm.Result run) {
        return run.stdout.replaceAll("path=\\S+", "path=");
    }

    static List<String> mapwatchLines(String stderr) {
        return Arrays.stream(stderr.split("\n")).filter(l -> l.startsWith("[mapwatch]")).collect(Collectors.toList());
    }
}
