package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The working set measured against the kernel: {@link io.mapwatch.testapps.HotRegion} maps 512 MiB,
 * reads all of it, and then reads only its first 32 MiB. A recording started after the full pass
 * ({@code jcmd JFR.start}, as an operator would) gets windows whose referenced bytes are those
 * 32 MiB, while all 512 MiB stay resident; before the recording the agent cleared nothing.
 */
class WorkingSetIT {
    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final long SIZE = 512L << 20;
    private static final long HOT = 32L << 20;
    private static final long WINDOW_NANOS = Duration.ofSeconds(2).toNanos();

    @Test
    void aRecordingStartedAfterTheFullPassMeasuresOnlyTheHotRegion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("index.dat");
        Path ready = dir.resolve("ready");
        ForkedJvm.Running app = ForkedJvm.workload("HotRegion", "--file", file.toString(), "--size", "512m",
                        "--hot", "32m", "--hold", "120", "--ready-file", ready.toString())
                .agent("workingset=2s")
                .start();
        Path recording = dir.resolve("late.jfr");
        Instant started;
        long referencedBefore;
        try {
            Waits.until(BOUND, () -> Files.exists(ready) || !app.process.isAlive(), "the workload's full pass");
            // Three windows' time without a recording: the agent must not have cleared the accessed bits.
            Thread.sleep(3 * WINDOW_NANOS / 1_000_000);
            referencedBefore = ProcOfProcess.referencedOf(app.pid(), file);
            started = Instant.now();
            app.jcmd("JFR.start", "name=late");
            Waits.until(BOUND, () -> windowsOf(app, recording, file) >= 2, "two working-set windows in the recording");
        } finally {
            Files.deleteIfExists(ready);
        }
        app.await(BOUND).assertSucceeded();

        assertEquals(SIZE, referencedBefore, SIZE * 0.02,
                "without a recording nothing cleared the accessed bits: all 512 MiB read once still count (smaps)");
        List<RecordedEvent> windows = Recordings.events(recording, "mapwatch.WorkingSet");
        System.out.printf("working set: %s bytes referenced per window of %s%n",
                windows.stream().map(e -> Long.toString(e.getLong("referencedBytes"))).collect(Collectors.joining(", ")),
                windows.stream().map(e -> e.getDuration("window").toMillis() + " ms").collect(Collectors.joining(", ")));
        for (RecordedEvent window : windows) {
            assertEquals(file.toString(), window.getString("path"));
            assertTrue(window.getStartTime().isAfter(started), "no window before the recording: " + window);
            assertEquals(HOT, window.getLong("referencedBytes"), HOT * 0.15, "the 32 MiB read over and over: " + window);
            assertEquals(SIZE, window.getLong("residentBytes"), SIZE * 0.02, "all of it stays resident: " + window);
            assertEquals(SIZE, window.getLong("mappedSize"));
            long windowNanos = window.getDuration("window").toNanos();
            assertTrue(windowNanos >= WINDOW_NANOS / 2 && windowNanos < 4 * WINDOW_NANOS,
                    "a window of about the period: " + window.getDuration("window"));
        }
        Map<String, RecordedEvent> sources = Recordings.lastSourceStates(recording);
        assertEquals("OK", sources.get("workingset").getString("state"), sources.toString());
        assertEquals("OK", sources.get("smaps").getString("state"));
    }

    @Test
    void workingSetOffMeasuresNothingAndSaysSo(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("off.jfr");
        ForkedJvm.workload("HotRegion", "--file", dir.resolve("index.dat").toString(), "--size", "8m", "--hot", "1m",
                        "--hold", "3")
                .agent("record=" + recording + ",workingset=off")
                .run().assertSucceeded();

        assertEquals(List.of(), Recordings.events(recording, "mapwatch.WorkingSet"));
        RecordedEvent state = Recordings.lastSourceStates(recording).get("workingset");
        assertEquals("OFF", state.getString("state"));
        assertEquals("workingset=off", state.getString("reason"));
    }

    /** Dumps the running recording and counts its working-set windows of {@code file}. */
    private static long windowsOf(ForkedJvm.Running app, Path recording, Path file) {
        try {
            Files.deleteIfExists(recording);
            app.jcmd("JFR.dump", "name=late", "filename=" + recording);
            return Recordings.events(recording, "mapwatch.WorkingSet").stream()
                    .filter(e -> file.toString().equals(e.getString("path"))).count();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
