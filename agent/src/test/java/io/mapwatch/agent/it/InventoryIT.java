package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inventory: what the JVM maps on its own is reported as untracked, what the agent tracks is not, and
 * memory the kernel only prints like a file (ZGC's heap in a memfd) is no file at all.
 */
class InventoryIT {
    @Test
    void untrackedMappingsIncludeLibModulesAndNothingTracked(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("inventory.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:64k:64k,READ_WRITE:0:1m:1m")
                .holding(dir, "3") // for samples while the maps are live; nobody releases it
                .agent("record=" + recording + ",sample=500ms")
                .run().assertSucceeded();

        List<RecordedEvent> untracked = Recordings.events(recording, "mapwatch.UntrackedMapping");
        Set<String> paths = untracked.stream().map(e -> e.getString("path")).collect(Collectors.toSet());
        String modules = Paths.get(System.getProperty("java.home"), "lib", "modules").toRealPath().toString();
        assertTrue(paths.contains(modules), "lib/modules among " + paths);
        Set<Long> tracked = Recordings.events(recording, "mapwatch.Map").stream()
                .map(e -> e.getLong("address")).collect(Collectors.toSet());
        assertEquals(2, tracked.size());
        assertFalse(paths.contains(dir.resolve("map-0.dat").toString()));
        assertFalse(paths.contains(dir.resolve("map-1.dat").toString()));
        assertTrue(untracked.stream().noneMatch(e -> tracked.contains(e.getLong("address"))));

        List<RecordedEvent> totals = Recordings.events(recording, "mapwatch.MappedMemory");
        assertFalse(totals.isEmpty());
        RecordedEvent last = totals.get(totals.size() - 1);
        assertEquals(2, last.getLong("trackedCount"));
        assertEquals((64 << 10) + (1 << 20), last.getLong("trackedBytes"));
        assertTrue(last.getLong("mapCount") > last.getLong("untrackedCount") + 2);
        assertTrue(last.getLong("rssFile") > 0 && last.getLong("rssAnon") > 0);
    }

    @Test
    void zgcHeapInAMemfdIsNotAnUntrackedFile(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("zgc.jfr");
        Path repository = dir.resolve("repository");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:64k:64k")
                .holding(dir, "120")
                .jvmArg("-XX:+UseZGC", "-Xmx64m", LiveRepository.jvmOption(repository))
                .agent("record=" + recording + ",sample=500ms")
                .runHeld(app -> {
                    assertTrue(ProcOfProcess.maps(app.pid()).stream().anyMatch(line -> line.contains(" /memfd:")),
                            "ZGC keeps its heap in a memfd, which maps shows as /memfd:java_heap (deleted)");
                    LiveRepository.awaitEvents(repository, List.of("mapwatch.UntrackedMapping", "mapwatch.MappedMemory"), app,
                            Duration.ofMinutes(1));
                }).assertSucceeded();

        Set<String> paths = Recordings.events(recording, "mapwatch.UntrackedMapping").stream()
                .map(e -> e.getString("path")).collect(Collectors.toSet());
        String modules = Paths.get(System.getProperty("java.home"), "lib", "modules").toRealPath().toString();
        assertTrue(paths.contains(modules), "lib/modules among " + paths);
        assertTrue(paths.stream().noneMatch(path -> path.contains("memfd:")), "no memfd among " + paths);
        assertEquals(List.of(dir.resolve("map-0.dat").toString()), Recordings.events(recording, "mapwatch.Map").stream()
                .map(e -> e.getString("path")).collect(Collectors.toList()));
    }
}
