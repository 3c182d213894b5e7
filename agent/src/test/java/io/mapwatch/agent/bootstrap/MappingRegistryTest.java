package io.mapwatch.agent.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry after unmaps it never saw (a native munmap, a mapping made before a dynamic attach and
 * unmapped natively): the kernel hands the address out again, and the counts and bytes stay those of
 * the mappings that are live.
 */
class MappingRegistryTest {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * KIB;
    /** Far from anything a real mapping of this JVM could be registered at. */
    private static final long BASE = 0x7e00_0000_0000L;

    private long countBefore;
    private long bytesBefore;

    @BeforeEach
    void takeTheFiguresBefore() {
        countBefore = MappingRegistry.trackedCount();
        bytesBefore = MappingRegistry.trackedBytes();
    }

    @AfterEach
    void unmapWhatTheTestLeft() {
        for (Mapping mapping : MappingRegistry.live()) {
            if (mapping.address >= BASE && mapping.address < BASE + (1L << 32)) {
                MappingRegistry.remove(mapping.address);
            }
        }
        assertEquals(countBefore, MappingRegistry.trackedCount());
        assertEquals(bytesBefore, MappingRegistry.trackedBytes());
    }

    @Test
    void aNewMappingAtTheAddressOfAnUnseenUnmapReplacesIt() {
        Mapping old = map("/data/old.idx", BASE, MIB);
        // munmap(BASE) happens natively; the kernel gives the same address to the next map
        Mapping reused = map("/data/new.idx", BASE, 64 * KIB);

        assertTracked(1, 64 * KIB);
        assertEquals(List.of("/data/new.idx"), paths());
        assertTrue(old.isUnmapped());
        assertFalse(reused.isUnmapped());
        assertNull(MappingRegistry.containing(BASE + 512 * KIB), "the rest of the old range is no mapping any more");
        assertSame(reused, MappingRegistry.containing(BASE + 4 * KIB));
    }

    @Test
    void aNewMappingReplacesEveryStaleEntryItOverlaps() {
        Mapping below = map("/data/a", BASE, MIB);
        Mapping inside = map("/data/b", BASE + 2 * MIB, MIB);
        Mapping after = map("/data/c", BASE + 4 * MIB, MIB);
        assertTracked(3, 3 * MIB);

        // a and b were unmapped natively; one new mapping now spans the end of a and the start of b
        map("/data/spanning", BASE + 512 * KIB, 2 * MIB);

        assertTracked(2, 3 * MIB);
        assertEquals(List.of("/data/spanning", "/data/c"), paths());
        assertTrue(below.isUnmapped() && inside.isUnmapped());
        assertFalse(after.isUnmapped());
    }

    @Test
    void neighboursThatOnlyTouchAreBothLive() {
        map("/data/a", BASE + 64 * KIB, 64 * KIB);
        map("/data/after", BASE + 128 * KIB, 64 * KIB);
        map("/data/before", BASE, 64 * KIB);

        assertTracked(3, 3 * 64 * KIB);
        assertEquals(List.of("/data/before", "/data/a", "/data/after"), paths());
    }

    @Test
    void anUnmapSeenAfterTheReplacementLeavesTheCountsWhereTheyStarted() {
        map("/data/old.idx", BASE, MIB);
        Mapping reused = map("/data/new.idx", BASE + 4 * KIB, 8 * KIB);

        assertSame(reused, MappingRegistry.remove(BASE + 4 * KIB));
        assertTracked(0, 0);
        assertEquals(List.of(), paths());
    }

    @Test
    void aStaleMappingOfTheAgentsOwnNeverCountedAndIsDroppedAllTheSame() {
        MappingRegistry.add(new Mapping("/tmp/jfr/chunk.jfr", "/tmp/jfr/chunk.jfr", "READ_WRITE", "ByteBuffer", 0,
                MIB, MIB, BASE, MIB, System.nanoTime(), true));
        assertTracked(0, 0);

        map("/data/new.idx", BASE, 4 * KIB);

        assertTracked(1, 4 * KIB);
        assertEquals(List.of("/data/new.idx"), paths());
    }

    private static Mapping map(String path, long address, long size) {
        Mapping mapping = new Mapping(path, path, "READ_ONLY", "ByteBuffer", 0, size, size, address, size,
                System.nanoTime(), false);
        MappingRegistry.add(mapping);
        return mapping;
    }

    private void assertTracked(long count, long bytes) {
        assertEquals(count, MappingRegistry.trackedCount() - countBefore, "trackedCount");
        assertEquals(bytes, MappingRegistry.trackedBytes() - bytesBefore, "trackedBytes");
    }

    /** Paths of this test's live mappings, in address order. */
    private static List<String> paths() {
        return MappingRegistry.live().stream()
                .filter(m -> m.address >= BASE && m.address < BASE + (1L << 32))
                .map(m -> m.path).collect(Collectors.toList());
    }
}
