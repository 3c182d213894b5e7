package io.mapwatch.cli.analysis;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The live mappings' table against a HashMap, on addresses as mmap hands them out: pages close together. */
class MappingsByAddressTest {
    @Test
    void findsWhatAHashMapFindsThroughMapsRemapsAndUnmaps() {
        MappingsByAddress table = new MappingsByAddress();
        Map<Long, RecordedMapping> expected = new HashMap<>();
        Random random = new Random(11);
        for (int op = 0; op < 200_000; op++) {
            long address = 0x7f00_0000_0000L + 4096L * random.nextInt(3000);
            if (random.nextInt(3) == 0) {
                assertSame(expected.remove(address), table.remove(address), "remove at op " + op);
            } else {
                RecordedMapping mapping = mapping(address, op);
                expected.put(address, mapping);
                table.put(mapping);
            }
            long probe = 0x7f00_0000_0000L + 4096L * random.nextInt(3000);
            assertSame(expected.get(probe), table.get(probe), "get at op " + op);
        }
        assertEquals(expected.values().stream().sorted(Comparator.comparingLong(RecordedMapping::address)).toList(),
                table.values().stream().sorted(Comparator.comparingLong(RecordedMapping::address)).toList());
        table.clear();
        assertEquals(0, table.values().size());
        assertNull(table.get(expected.keySet().iterator().next()));
    }

    private static RecordedMapping mapping(long address, int op) {
        return new RecordedMapping("/data/" + op, address, 4096, Instant.ofEpochSecond(op), true, false, null, null);
    }
}
