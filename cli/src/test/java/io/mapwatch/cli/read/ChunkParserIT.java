package io.mapwatch.cli.read;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.Workload;
import io.mapwatch.testapps.DemoWorkload;
import io.mapwatch.testapps.MapChurn;
import io.mapwatch.testapps.RandomReads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mapwatch's chunk parser hands the analyses exactly the facts JFR's own parser gives, all of them
 * and in the same order, and the commands print the same through both: on real recordings made by
 * the real agent (a churn of maps in small chunks, the demo, random reads under JFR's
 * {@code profile} settings) and on a folder of chunk files as JFR's repository holds them.
 */
class ChunkParserIT {
    @TempDir
    static Path dir;
    static Path churn;
    static Path demo;
    static Path profile;

    @BeforeAll
    static void record() throws IOException {
        churn = dir.resolve("churn.jfr");
        Workload.Run run = Workload.record(churn, List.of("-XX:FlightRecorderOptions:maxchunksize=1m"), MapChurn.class,
                "--dir", Files.createDirectories(dir.resolve("churn")).toString(), "--files", "8", "--warmup", "0",
                "--ops", "40000", "--unmap", "explicit");
        assertEquals(0, run.exitCode(), run.output());

        demo = dir.resolve("demo.jfr");
        run = Workload.record(demo, DemoWorkload.class, "--dir", dir.resolve("demo").toString(), "--index-size", "16m",
                "--cold-size", "32m", "--seconds", "3");
        assertEquals(0, run.exitCode(), run.output());

        profile = dir.resolve("profile.jfr");
        Path settings = dir.resolve("mapwatch.jfc");
        try (JarFile jar = new JarFile(Workload.agentJar().toFile());
             InputStream in = jar.getInputStream(jar.getEntry("mapwatch.jfc"))) {
            Files.copy(in, settings);
        }
        run = Workload.start(Workload.java(List.of("-javaagent:" + Workload.agentJar(),
                        "-XX:StartFlightRecording:settings=profile,settings=" + settings + ",filename=" + profile),
                RandomReads.class, "--file", dir.resolve("index.dat").toString(), "--size", "32m", "--threads", "4",
                "--warmup", "0", "--seconds", "3")).await();
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void churnInSmallChunksGivesTheFactsOfJfrsParser() throws IOException {
        assertTrue(readByChunkParser(churn) >= 3, "several chunks");
        List<Fact> facts = sameFacts(churn);
        assertEquals(40_000, facts.stream().filter(f -> f instanceof Fact.Map).count(), "every map of the workload");
        assertTrue(facts.stream().anyMatch(f -> f instanceof Fact.Map map && map.stack() != null
                && !map.stack().frames().isEmpty()), "maps with their stacks");
    }

    @Test
    void demoGivesTheFactsOfJfrsParser() throws IOException {
        readByChunkParser(demo);
        List<Fact> facts = sameFacts(demo);
        assertTrue(facts.stream().anyMatch(f -> f instanceof Fact.ExecutionSample s && s.stack() != null), "execution samples");
        assertTrue(facts.stream().anyMatch(f -> f instanceof Fact.PageFaultStall), "stalls");
    }

    @Test
    void profileSettingsGiveTheFactsOfJfrsParser() throws IOException {
        readByChunkParser(profile);
        List<Fact> facts = sameFacts(profile);
        assertTrue(facts.stream().filter(f -> f instanceof Fact.ExecutionSample s && s.stack() != null).count() > 10,
                "execution samples with stacks");
    }

    @Test
    void folderOfChunkFilesGivesTheFactsOfJfrsParser() throws IOException {
        Path folder = ParallelReadIT.cutIntoChunks(churn, Files.createDirectories(dir.resolve("repository")));
        List<ChunkScan> scans = RecordingReader.scan(folder, warnings());
        assertTrue(scans.size() >= 3, "one file per chunk: " + scans.size());
        assertEquals(read(scans, true), read(scans, false));
    }

    @Test
    void commandsPrintTheSameThroughBothParsers() {
        for (Path recording : List.of(demo, profile)) {
            for (String command : List.of("summary", "mappings", "faults")) {
                CliRun fast = CliRun.of(command, "--format", "json", recording.toString());
                CliRun jdk = throughJfrsParser(command, "--format", "json", recording.toString());
                assertEquals(0, fast.exitCode(), fast.toString());
                assertEquals(jdk.out(), fast.out(), command + " " + recording.getFileName());
                assertEquals(jdk.err(), fast.err(), command + " " + recording.getFileName());
            }
        }
    }

    /** Checks that the chunk parser takes the whole file (rather than leaving it to JFR's); its chunks. */
    private static int readByChunkParser(Path recording) throws IOException {
        return JfrChunks.plan(recording, ChunkScan.of(recording).readableBytes()).size();
    }

    private static List<Fact> sameFacts(Path recording) {
        List<ChunkScan> scans = RecordingReader.scan(recording, warnings());
        List<Fact> jdk = read(scans, true);
        List<Fact> fast = read(scans, false);
        assertEquals(jdk.size(), fast.size(), "as many facts");
        for (int i = 0; i < jdk.size(); i++) {
            assertEquals(jdk.get(i), fast.get(i), "fact " + i);
        }
        assertTrue(jdk.size() > 100, "facts: " + jdk.size());
        return fast;
    }

    private static List<Fact> read(List<ChunkScan> scans, boolean jdkOnly) {
        List<Fact> facts = new ArrayList<>();
        RecordingReader.read(scans, null, facts::add, warnings(), -1, jdkOnly);
        return facts;
    }

    private static CliRun throughJfrsParser(String... args) {
        System.setProperty(RecordingReader.READER_PROPERTY, "jdk");
        try {
            return CliRun.of(args);
        } finally {
            System.clearProperty(RecordingReader.READER_PROPERTY);
        }
    }

    private static PrintWriter warnings() {
        return new PrintWriter(new StringWriter());
    }
}
