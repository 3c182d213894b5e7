package io.mapwatch.cli.read;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.SyntheticRecording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the chunk parser does not read with certainty goes to JFR's parser, and damage it meets is
 * one sentence and exit 3: never a wrong or partial answer, never a stack trace.
 */
class ChunkParserFallbackTest {
    private static final String PATH = "/data/fallback-test.dat";

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            SyntheticRecording.commit(SyntheticRecording.map(PATH, 0x7f0000000000L, 1 << 20));
            SyntheticRecording.commit(SyntheticRecording.residency(PATH, 0x7f0000000000L, 1 << 20, 4096));
            SyntheticRecording.commit(SyntheticRecording.workingSet(PATH, 0x7f0000000000L, 1 << 20, Duration.ofSeconds(1),
                    8192, 4096));
            SyntheticRecording.commit(SyntheticRecording.faultRange(PATH, SyntheticRecording.osThreadId(), "main", 0, 4096,
                    1, 2, 1000));
            SyntheticRecording.commit(SyntheticRecording.pressure(0.5, 7));
            SyntheticRecording.commit(SyntheticRecording.hazard("FILE_TRUNCATED", PATH, 0x7f0000000000L, 1 << 20, 0));
            SyntheticRecording.commit(SyntheticRecording.source("stalls", "OK"));
            SyntheticRecording.commit(SyntheticRecording.untracked("/usr/lib/libz.so", 0x7e0000000000L, 65536));
            SyntheticRecording.commitStall(SyntheticRecording.stall(), 5);
            SyntheticRecording.reads(PATH, 3);
            recording = synthetic.dump(dir.resolve("synthetic.jfr"));
        }
    }

    @Test
    void everyKindOfMapwatchEventGivesTheFactsOfJfrsParser() throws IOException {
        JfrChunks.plan(recording, Files.size(recording));
        List<ChunkScan> scans = RecordingReader.scan(recording, warnings());
        List<Fact> jdk = read(scans, true);
        assertEquals(jdk, read(scans, false));
        assertTrue(jdk.size() >= 10, jdk.toString());
    }

    @Test
    void aDamagedEventIsOneSentenceAndExit3() throws IOException {
        byte[] bytes = Files.readAllBytes(recording);
        int path = indexOf(bytes, PATH.getBytes(StandardCharsets.UTF_8));
        bytes[path - 2] = 9; // the encoding of the first event's path: no such encoding
        Path damaged = Files.write(dir.resolve("damaged.jfr"), bytes);

        BadInputTest.assertUnusable(CliRun.of("summary", damaged.toString()),
                "damaged.jfr is not a readable JFR recording (a string of unknown encoding 9)");
    }

    @Test
    void aFormatVersionItDoesNotKnowGoesToJfrsParser() throws IOException {
        byte[] bytes = Files.readAllBytes(recording);
        bytes[7] = 9; // version 2.9: JFR's parser reads every 2.x
        Path newer = Files.write(dir.resolve("newer.jfr"), bytes);

        assertThrows(UnsupportedRecording.class, () -> JfrChunks.plan(newer, bytes.length));
        CliRun run = CliRun.of("summary", "--format", "json", newer.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        String original = CliRun.of("summary", "--format", "json", recording.toString()).out();
        assertEquals(original.replace(recording.toString(), newer.toString()), run.out());
    }

    @Test
    void aMajorVersionNoParserKnowsIsOneSentenceAndExit3() throws IOException {
        byte[] bytes = Files.readAllBytes(recording);
        bytes[5] = 3; // version 3.x
        Path future = Files.write(dir.resolve("future.jfr"), bytes);

        BadInputTest.assertUnusable(CliRun.of("summary", future.toString()), "which no JDK reads (1.x and 2.x only)");
    }

    /** JFR's parser stops at such damage without a word, and would show an empty recording. */
    @Test
    void aMetadataOffsetOutsideTheChunkIsOneSentenceAndExit3() throws IOException {
        byte[] bytes = Files.readAllBytes(recording);
        for (int i = 24; i < 32; i++) {
            bytes[i] = (byte) 0x7F; // the metadata offset, far past the chunk
        }
        Path broken = Files.write(dir.resolve("broken-header.jfr"), bytes);

        BadInputTest.assertUnusable(CliRun.of("summary", broken.toString()),
                "is not a readable JFR recording (a chunk header whose offsets lie outside");
    }

    private static List<Fact> read(List<ChunkScan> scans, boolean jdkOnly) {
        List<Fact> facts = new ArrayList<>();
        RecordingReader.read(scans, null, facts::add, warnings(), -1, jdkOnly);
        return facts;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not in the recording");
    }

    private static PrintWriter warnings() {
        return new PrintWriter(new StringWriter());
    }
}
