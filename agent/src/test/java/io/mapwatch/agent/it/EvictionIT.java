package io.mapwatch.agent.it;

import io.mapwatch.testapps.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cold-file tests rest on {@link Eviction}: that dd evicts, and that asking mincore through
 * {@code isLoaded()} counts the cached bytes without reading any in.
 */
class EvictionIT {
    private static final long SIZE = 16L << 20;

    @Test
    void aWrittenFileIsCachedAnEvictedOneIsNotAndAskingReadsNothingIn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.dat");
        DataFiles.ensure(file, SIZE);
        assertEquals(SIZE, Eviction.cachedBytes(file), "what was just written is in the page cache");

        Eviction.evict(file);
        long evicted = Eviction.cachedBytes(file);
        assertTrue(evicted < 1 << 20, "evicted: " + evicted + " bytes still cached");
        assertEquals(evicted, Eviction.cachedBytes(file), "asking again brought nothing in");

        assertEquals(SIZE, Files.readAllBytes(file).length);
        assertEquals(SIZE, Eviction.cachedBytes(file), "read whole, it is cached whole");
    }
}
