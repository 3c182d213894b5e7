package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A map that fails (here: out of address space under ulimit -v) is a mapwatch.MapFailure. */
class MapFailureIT {
    @Test
    void mapOutOfAddressSpaceIsRecorded(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("fail.jfr");
        Path sparse = dir.resolve("sparse.dat");
        ForkedJvm.Result run = outOfAddressSpace(sparse).agent("record=" + recording).run().assertSucceeded();
        int mapped = (int) run.number("maps_before_failure");
        assertTrue(mapped > 0 && mapped < 64, run.toString());
        assertTrue(run.value("failure").contains("Map failed"), run.value("failure"));

        List<RecordedEvent> failures = Recordings.events(recording, "mapwatch.MapFailure");
        assertEquals(1, failures.size());
        RecordedEvent failure = failures.get(0);
        assertEquals(sparse.toAbsolutePath().toString(), failure.getString("path"));
        assertEquals("READ_ONLY", failure.getString("mode"));
        assertEquals((long) mapped << 30, failure.getLong("position"));
        assertEquals(1L << 30, failure.getLong("size"));
        assertTrue(failure.getString("message").contains("Map failed"), failure.getString("message"));
        assertTrue(failure.getLong("mapCount") > mapped, "the process's mapping count");
        // Files.readString stops after the first byte of a /proc file (it trusts the reported size 0).
        assertEquals(Long.parseLong(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).get(0).trim()),
                failure.getLong("maxMapCount"));
        assertEquals("io.mapwatch.testapps.FailingMap.main", Recordings.topApplicationFrame(failure));
        assertEquals(mapped, Recordings.events(recording, "mapwatch.Map").size());
        Files.deleteIfExists(sparse);
    }

    /** FailingMap mapping 1 GiB chunks of a sparse file in a JVM whose address space runs out after a few. */
    static ForkedJvm outOfAddressSpace(Path sparse) {
        return ForkedJvm.workload("FailingMap", "--file", sparse.toString(), "--chunk", "1g", "--count", "64")
                .shellPrefix("ulimit -v 6000000") // 5.7 GiB of address space: a few 1 GiB maps fit, not 64
                .env("MALLOC_ARENA_MAX", "2")
                .jvmArg("-Xmx64m", "-XX:ReservedCodeCacheSize=64m", "-XX:CompressedClassSpaceSize=64m", "-Xss512k");
    }
}
