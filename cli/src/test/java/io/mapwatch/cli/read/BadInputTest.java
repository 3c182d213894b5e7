package io.mapwatch.cli.read;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.events.MapEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input that cannot be used: exit 3 and one sentence on stderr, never a stack trace. */
class BadInputTest {
    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            MapEvent map = new MapEvent();
            map.path = "/data/a.dat";
            map.mappedSize = 4096;
            map.address = 0x7f0000000000L;
            SyntheticRecording.commit(map);
            recording = synthetic.dump(dir.resolve("valid.jfr"));
        }
    }

    static void assertUnusable(CliRun run, String expected) {
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains(expected), run.toString());
        assertEquals(1, run.err().lines().count(), "one line on stderr: " + run);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
        assertEquals("", run.out(), "nothing on stdout: " + run);
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        assertUnusable(CliRun.of("summary", empty.toString()), "is empty, not a recording");
    }

    @Test
    void textFile() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "these are notes, not a recording\n");
        assertUnusable(CliRun.of("summary", text.toString()), "is not a JFR recording");
    }

    @Test
    void missingFile() {
        assertUnusable(CliRun.of("faults", dir.resolve("missing.jfr").toString()), "does not exist");
    }

    @Test
    void folderWithoutARecording() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("empty-folder"));
        Files.writeString(folder.resolve("notes.txt"), "not a recording\n");
        assertUnusable(CliRun.of("mappings", folder.toString()), "is a folder without a readable recording");
    }

    @Test
    void truncatedWithinItsOnlyChunk() throws IOException {
        byte[] bytes = Files.readAllBytes(recording);
        Path cut = Files.write(dir.resolve("cut.jfr"), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertUnusable(CliRun.of("summary", cut.toString()), "was cut short before its first chunk was complete");
    }

    @Test
    void oneBadFileAmongSeveralStopsBeforeAnyOutput() throws IOException {
        Path text = Files.writeString(dir.resolve("other.txt"), "hello");
        assertUnusable(CliRun.of("plan", recording.toString(), text.toString()), "is not a JFR recording");
    }

    @Test
    void truncatedAfterCompleteChunksUsesThem() throws IOException {
        byte[] one = Files.readAllBytes(recording);
        byte[] twoAndAHalf = new byte[one.length * 2 + one.length / 2];
        System.arraycopy(one, 0, twoAndAHalf, 0, one.length);
        System.arraycopy(one, 0, twoAndAHalf, one.length, one.length);
        System.arraycopy(one, 0, twoAndAHalf, 2 * one.length, one.length / 2);
        Path cut = Files.write(dir.resolve("rotated-cut.jfr"), twoAndAHalf);

        CliRun run = CliRun.of("summary", "--format", "json", cut.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().contains("was cut short; using its 2 complete chunk(s)"), run.toString());
        assertEquals(2, Json.number(Json.row(Json.array(run.json(), "mappings"), "path", "/data/a.dat"), "maps"));
    }
}
