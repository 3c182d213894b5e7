package io.mapwatch.agent.it;

import io.mapwatch.agent.bootstrap.AccessDispatcher;
import io.mapwatch.testapps.DataFiles;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bulk copies out of and into mapped memory ({@code access=on}) give mapwatch.MappedRead and
 * mapwatch.MappedWrite with the file, the offset in it and the size, as the workload made them;
 * copies of ordinary direct buffers give nothing.
 */
class MappedAccessIT {
    private static final String READ = "mapwatch.MappedRead";
    private static final String WRITE = "mapwatch.MappedWrite";
    private static final long MIB = 1 << 20;

    @Test
    void bulkReadsOfAnEvictedRegionGiveMappedReadsWithPathOffsetAndSize(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cold.dat");
        DataFiles.ensure(file, 256 * MIB);
        Eviction.evict(file);

        // Reads 80 MiB apart, far beyond one read-ahead window (8 MiB here), each of the always-timed size or more.
        Path recording = dir.resolve("cold.jfr");
        ForkedJvm.Result run = withThresholdsZero(dir, recording, ForkedJvm.workload("BulkReads",
                "--file", file.toString(), "--size", "250m", "--position", "5000", "--slice", "3000",
                "--copy", "1m", "--at", "16m,96m,176m"))
                .run().assertSucceeded();
        assumeTrue(run.number("major_faults") > 0, "the kernel saw no major fault: the file was not evicted\n" + run);

        List<RecordedEvent> reads = eventsFor(recording, READ, file);
        assertMatchesCopies(run, reads, "bytesRead", "java.nio.ByteBuffer.getArray");
        for (RecordedEvent read : reads) {
            assertTrue(read.getDuration().toNanos() > 0);
        }
    }

    @Test
    void hotReadsUnderTheThresholdGiveNone(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("hot.jfr");
        Path file = dir.resolve("hot.dat");
        ForkedJvm.Result run = ForkedJvm.workload("BulkReads", "--file", file.toString(), "--size", "16m",
                        "--hot", "--copy", "4k", "--copies", "20000")
                .agent("record=" + recording) // the shipped mapwatch.jfc: 20 ms
                .run().assertSucceeded();

        assertEquals(20000, run.number("copies"));
        assertEquals(List.of(), eventsFor(recording, READ, file), "no hot 4 KiB copy takes 20 ms");
        String instrumented = Recordings.events(recording, "mapwatch.AgentStatus").get(0).getString("instrumented");
        List<String> targets = new ArrayList<>(List.of("ByteBuffer.getArray", "ByteBuffer.putArray", "ByteBuffer.putBuffer"));
        if (Runtime.version().feature() >= 22) {
            targets.addAll(List.of("MemorySegment.copy(segment,segment)", "MemorySegment.copy(segment,layout,segment)",
                    "MemorySegment.copy(segment,array)", "MemorySegment.copy(array,segment)"));
        }
        for (String target : targets) {
            assertTrue(instrumented.contains(target), target + " in " + instrumented);
        }
    }

    @Test
    void smallCopiesAreTimedInProportionToTheirSize(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("sampled.jfr");
        Path file = dir.resolve("sampled.dat");
        int copies = 100_000;
        int copySize = 4096;
        ForkedJvm.Result run = withThresholdsZero(dir, recording, ForkedJvm.workload("BulkReads",
                "--file", file.toString(), "--size", "16m", "--hot", "--copy", "4k", "--copies", String.valueOf(copies)))
                .run().assertSucceeded();

        List<RecordedEvent> reads = eventsFor(recording, READ, file);
        double expected = (double) copies * copySize / AccessDispatcher.SAMPLING_SPAN;
        assertTrue(reads.size() > expected / 2 && reads.size() < expected * 2,
                reads.size() + " sampled events, expected about " + expected);
        for (RecordedEvent read : reads) {
            assertEquals(copySize, read.getLong("bytesRead"));
            assertEquals(0, read.getLong("offset") % copySize, "copies are copy-aligned from file offset 0");
        }
        assertEquals(copies, run.number("copies"));
    }

    @ParameterizedTest
    @CsvSource({"put, " + WRITE + ", bytesWritten, java.nio.ByteBuffer.putArray",
            "put-buffer, " + WRITE + ", bytesWritten, java.nio.ByteBuffer.putBuffer",
            "get-buffer, " + READ + ", bytesRead, java.nio.ByteBuffer.putBuffer"})
    void eachBulkPathGivesItsEventWithPathOffsetAndSize(String op, String event, String sizeField, String jdkMethod,
                                                        @TempDir Path dir) throws Exception {
        Path file = dir.resolve("rw.dat");
        Path recording = dir.resolve("rw.jfr");
        ForkedJvm.Result run = withThresholdsZero(dir, recording, ForkedJvm.workload("BulkReads",
                "--op", op, "--file", file.toString(), "--size", "8m", "--position", "5000", "--slice", "3000",
                "--copy", "256k", "--at", "0,2m,5m"))
                .run().assertSucceeded();

        assertMatchesCopies(run, eventsFor(recording, event, file), sizeField, jdkMethod);
        assertEquals(List.of(), eventsFor(recording, event.equals(READ) ? WRITE : READ, file), "only the mapped side is reported");
    }

    @ParameterizedTest
    @CsvSource({"get", "put", "get-buffer", "put-buffer"})
    void copiesOfPlainDirectBuffersGiveNoEvents(String op, @TempDir Path dir) throws Exception {
        Path recording = dir.resolve("direct.jfr");
        // Copies of the always-timed size: were the buffer taken for a mapped one, each would give an event.
        ForkedJvm.Result run = withThresholdsZero(dir, recording, ForkedJvm.workload("BulkReads", "--buffer", "direct",
                "--op", op, "--size", "16m", "--copy", "1m", "--copies", "2000"))
                .run().assertSucceeded();

        assertEquals(2000, run.number("copies"));
        assertEquals(List.of(), Recordings.events(recording, READ));
        assertEquals(List.of(), Recordings.events(recording, WRITE));
    }

    @Test
    void accessOffRemovesTheInstrumentation(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("off.jfr");
        Path file = dir.resolve("off.dat");
        ForkedJvm.workload("BulkReads", "--file", file.toString(), "--size", "8m", "--copy", "1m", "--copies", "50")
                .agent("record=" + recording + ",access=off")
                .run().assertSucceeded();

        assertEquals(List.of(), eventsFor(recording, READ, file));
        String instrumented = Recordings.events(recording, "mapwatch.AgentStatus").get(0).getString("instrumented");
        assertFalse(instrumented.contains("ByteBuffer"), instrumented);
    }

    @ParameterizedTest
    @CsvSource({"to-array, " + READ + ", bytesRead", "to-long-array, " + READ + ", bytesRead",
            "to-segment, " + READ + ", bytesRead", "to-segment-elements, " + READ + ", bytesRead",
            "from-array, " + WRITE + ", bytesWritten", "from-segment, " + WRITE + ", bytesWritten"})
    void memorySegmentCopiesGiveEventsWithPathOffsetAndSize(String op, String event, String sizeField, @TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "MemorySegment is final API from JDK 22");
        Path file = dir.resolve("segment.dat");
        Path recording = dir.resolve("segment.jfr");
        ForkedJvm.Result run = withThresholdsZero(dir, recording, ForkedJvm.workload("SegmentCopies",
                "--op", op, "--file", file.toString(), "--size", "8m", "--position", "5000",
                "--copy", "256k", "--at", "0,2m,5m"))
                .run().assertSucceeded();

        assertMatchesCopies(run, eventsFor(recording, event, file), sizeField, "java.lang.foreign.MemorySegment.copy");
        assertEquals(List.of(), eventsFor(recording, event.equals(READ) ? WRITE : READ, file), "only the mapped side is reported");
    }

    /**
     * One event per {@code copy index=I file_offset=F bytes=B} line of the workload, in order, each
     * with a stack that starts at {@code jdkMethod} and reaches the application.
     */
    private static void assertMatchesCopies(ForkedJvm.Result run, List<RecordedEvent> events, String sizeField, String jdkMethod) {
        List<Map<String, String>> copies = run.lines("copy ").stream().map(ForkedJvm::fields).collect(Collectors.toList());
        assertFalse(copies.isEmpty(), run.toString());
        assertEquals(copies.size(), events.size(), "one event per copy\n" + run);
        for (int i = 0; i < copies.size(); i++) {
            RecordedEvent event = events.get(i);
            assertEquals(run.value("path"), event.getString("path"));
            assertEquals(Long.parseLong(copies.get(i).get("file_offset")), event.getLong("offset"), "offset in the file");
            assertEquals(Long.parseLong(copies.get(i).get("bytes")), event.getLong(sizeField));
            assertEquals(jdkMethod, Recordings.frames(event).get(0), "the stack starts at the JDK's copy");
            assertTrue(Recordings.topApplicationFrame(event).startsWith("io.mapwatch.testapps."),
                    "stack trace reaches the application: " + Recordings.topApplicationFrame(event));
        }
    }

    /** The workload with the agent (defaults) and a recording whose mapped-access thresholds are 0. */
    private static ForkedJvm withThresholdsZero(Path dir, Path recording, ForkedJvm workload) throws IOException {
        Path settings = dir.resolve("zero.jfc");
        Files.writeString(settings, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<configuration version=\"2.0\" label=\"mapped access, every timed copy\">\n"
                + event(READ) + event(WRITE) + "</configuration>\n", StandardCharsets.UTF_8);
        return workload.agent("")
                .jvmArg("-XX:StartFlightRecording:settings=default,settings=" + settings + ",filename=" + recording + ",dumponexit=true");
    }

    private static String event(String name) {
        return "  <event name=\"" + name + "\"><setting name=\"enabled\">true</setting>"
                + "<setting name=\"stackTrace\">true</setting><setting name=\"threshold\">0 ms</setting></event>\n";
    }

    /** Events of {@code name} about {@code file}, in the order they started. */
    private static List<RecordedEvent> eventsFor(Path recording, String name, Path file) throws IOException {
        String path = file.toAbsolutePath().toString();
        List<RecordedEvent> events = new ArrayList<>();
        for (RecordedEvent event : Recordings.events(recording, name)) {
            if (path.equals(event.getString("path"))) {
                events.add(event);
            }
        }
        events.sort((a, b) -> a.getStartTime().compareTo(b.getStartTime()));
        return events;
    }
}
