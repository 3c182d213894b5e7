package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each way a mapping ends gives one mapwatch.Unmap with its trigger, and a lifetime inside the
 * bounds the workload's own clock puts on it.
 */
class UnmapTriggersIT {
    /** Clock reads around a map and an unmap on a loaded machine: a generous, not a tight, margin. */
    private static final double MARGIN_MS = 50;

    @ParameterizedTest
    @CsvSource({"explicit, EXPLICIT", "gc, GC"})
    void byteBufferUnmaps(String trigger, String expected, @TempDir Path dir) throws Exception {
        Path recording = dir.resolve("unmap.jfr");
        ForkedJvm.Result run = runReleased(recording, "UnmapTriggers", "--trigger", trigger);
        assertOneUnmap(recording, run, expected);
    }

    @ParameterizedTest
    @CsvSource({"confined", "shared", "auto"})
    void arenaUnmaps(String arena, @TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() >= 22, "MemorySegment mapping is final API from JDK 22");
        Path recording = dir.resolve("arena.jfr");
        ForkedJvm.Result run = runReleased(recording, "SegmentArenas", "--arena", arena);
        RecordedEvent unmap = assertOneUnmap(recording, run, "ARENA");
        List<RecordedEvent> maps = Recordings.events(recording, "mapwatch.Map");
        assertEquals(1, maps.size());
        assertEquals("MemorySegment", maps.get(0).getString("api"));
        assertEquals(Long.parseLong(run.value("address")), maps.get(0).getLong("address"), "segment of 64 KiB at offset 0");
        assertEquals(maps.get(0).getLong("address"), unmap.getLong("address"));
    }

    @Test
    void noUnmapEventForAMappingStillLive(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("live.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:4096:4096")
                .runRecording(recording);
        assertEquals(1, Recordings.events(recording, "mapwatch.Map").size());
        assertEquals(0, Recordings.events(recording, "mapwatch.Unmap").size());
    }

    /**
     * Runs {@code workload} recorded into {@code recording}: it maps a file beside the recording,
     * holds the mapping 300 ms and lets it go as {@code args} say; it must report the mapping released.
     */
    private static ForkedJvm.Result runReleased(Path recording, String workload, String... args) throws Exception {
        ForkedJvm.Result run = ForkedJvm.workload(workload, "--file", recording.resolveSibling("mapped.dat").toString(),
                        "--hold-ms", "300")
                .args(args)
                .runRecording(recording);
        assertEquals("true", run.value("released"));
        return run;
    }

    private static RecordedEvent assertOneUnmap(Path recording, ForkedJvm.Result run, String trigger) throws Exception {
        List<RecordedEvent> unmaps = Recordings.events(recording, "mapwatch.Unmap");
        assertEquals(1, unmaps.size(), "one unmap\n" + run);
        RecordedEvent unmap = unmaps.get(0);
        assertEquals(trigger, unmap.getString("trigger"));
        assertEquals(run.value("path"), unmap.getString("path"));
        double lifetimeMs = unmap.getDuration("lifetime").toNanos() / 1e6;
        double min = run.number("lifetime_min_ms");
        double max = run.number("lifetime_max_ms");
        assertTrue(lifetimeMs >= min - MARGIN_MS && lifetimeMs <= max + MARGIN_MS,
                "lifetime " + lifetimeMs + " ms within the workload's [" + min + ", " + max + "] ms");
        return unmap;
    }
}
