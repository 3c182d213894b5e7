package io.mapwatch.cli.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mappings by address, in a table probed on the address itself: no box and no node per mapping, as
 * a pass puts and removes one per map and unmap, millions of them. Linear probing; a removal moves
 * the entries after it back, so that no slot is left marked deleted.
 */
final class MappingsByAddress {
    private long[] addresses = new long[64];
    private RecordedMapping[] mappings = new RecordedMapping[64];
    private int size;

    /** The mapping at {@code address}, or null. */
    RecordedMapping get(long address) {
        int mask = mappings.length - 1;
        for (int slot = home(address, mask); mappings[slot] != null; slot = (slot + 1) & mask) {
            if (addresses[slot] == address) {
                return mappings[slot];
            }
        }
        return null;
    }

    /** Puts {@code mapping} at its address, in place of the one there, if any. */
    void put(RecordedMapping mapping) {
        long address = mapping.address();
        int mask = mappings.length - 1;
        int slot = home(address, mask);
        while (mappings[slot] != null && addresses[slot] != address) {
            slot = (slot + 1) & mask;
        }
        if (mappings[slot] == null) {
            size++;
        }
        addresses[slot] = address;
        mappings[slot] = mapping;
        if (2 * size > mappings.length) {
            resize(2 * mappings.length);
        }
    }

    /** Removes the mapping at {@code address}: the one removed, or null. */
    RecordedMapping remove(long address) {
        int mask = mappings.length - 1;
        int slot = home(address, mask);
        while (mappings[slot] != null && addresses[slot] != address) {
            slot = (slot + 1) & mask;
        }
        RecordedMapping removed = mappings[slot];
        if (removed == null) {
            return null;
        }
        mappings[slot] = null;
        size--;
        int gap = slot;
        for (int next = (slot + 1) & mask; mappings[next] != null; next = (next + 1) & mask) {
            // an entry may fill the gap when its home is not between the gap and it
            if (((next - home(addresses[next], mask)) & mask) >= ((next - gap) & mask)) {
                addresses[gap] = addresses[next];
                mappings[gap] = mappings[next];
                mappings[next] = null;
                gap = next;
            }
        }
        return removed;
    }

    /** Every mapping, in no particular order. */
    List<RecordedMapping> values() {
        List<RecordedMapping> values = new ArrayList<>(size);
        for (RecordedMapping mapping : mappings) {
            if (mapping != null) {
                values.add(mapping);
            }
        }
        return values;
    }

    void clear() {
        Arrays.fill(mappings, null);
        size = 0;
    }

    private void resize(int length) {
        long[] oldAddresses = addresses;
        RecordedMapping[] oldMappings = mappings;
        addresses = new long[length];
        mappings = new RecordedMapping[length];
        size = 0;
        for (int i = 0; i < oldMappings.length; i++) {
            if (oldMappings[i] != null) {
                put(oldMappings[i]);
            }
        }
    }

    private static int home(long address, int mask) {
        return (int) ((address * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
