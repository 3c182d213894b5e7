package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.agent.bootstrap.MappingRegistry;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a faulting address lies: in a mapping the agent saw being made (the registry: file and
 * offset), in an untracked file mapping (the inventory's latest read of {@code /proc/self/maps}),
 * or in memory that is not a file. With the range of the file it falls in: ranges are a fixed
 * share of the file's mapped extent ({@link FaultRanges#rangeLength}).
 *
 * <p>Used by one thread at a time (the callers hold the {@link ExactFaults} lock). Resolving a
 * fault in the mapping of the previous one reads no shared state, so a thread faulting its way
 * through one mapping costs a range check per fault.
 */
final class FaultAddresses {
    /** One fault's place, refilled for each: no allocation per fault. */
    static final class Place {
        String path;
        boolean tracked;
        /** File offset of the range's start; -1 when not a file. */
        long rangeOffset;
        /** -1 when not a file. */
        long rangeLength;
    }

    private volatile UntrackedFiles untracked = UntrackedFiles.NONE;
    private final Map<String, Long> extents = new HashMap<>();
    private long registryChanges = -1;
    private Mapping lastMapping;
    private long lastRangeLength;

    void untrackedFiles(UntrackedFiles files) {
        untracked = files;
    }

    /** Before resolving a batch: takes up the mappings made and unmapped since the last one. */
    void refresh() {
        long changes = MappingRegistry.changes();
        if (changes == registryChanges) {
            return;
        }
        registryChanges = changes;
        lastMapping = null;
        extents.clear();
        for (Mapping mapping : MappingRegistry.live()) {
            if (!mapping.own && mapping.path != null) {
                extents.merge(mapping.path, mapping.fileOffset + mapping.mappedSize, Math::max);
            }
        }
    }

    /** Fills {@code into} with where {@code address} lies; false for the agent's own mappings (not the application's faults). */
    boolean resolve(long address, Place into) {
        Mapping mapping = lastMapping;
        if (mapping == null || address < mapping.address || address >= mapping.end() || mapping.isUnmapped()) {
            mapping = MappingRegistry.containing(address);
            if (mapping != null) {
                if (mapping.own) {
                    return false;
                }
                Long extent = mapping.path == null ? null : extents.get(mapping.path);
                lastMapping = mapping;
                lastRangeLength = FaultRanges.rangeLength(extent != null ? extent : mapping.fileOffset + mapping.mappedSize);
            }
        }
        if (mapping != null) {
            into.path = mapping.path;
            into.tracked = true;
            into.rangeOffset = rangeStart(mapping.fileOffsetOf(address), lastRangeLength);
            into.rangeLength = lastRangeLength;
            return true;
        }
        UntrackedFiles files = untracked;
        int index = files.indexOf(address);
        if (index >= 0 && files.own(index)) {
            return false;
        }
        into.tracked = false;
        if (index < 0) {
            into.path = null;
            into.rangeOffset = -1;
            into.rangeLength = -1;
        } else {
            into.path = files.path(index);
            into.rangeLength = files.rangeLength(index);
            into.rangeOffset = rangeStart(files.fileOffset(index, address), into.rangeLength);
        }
        return true;
    }

    private static long rangeStart(long fileOffset, long rangeLength) {
        return fileOffset - Math.floorMod(fileOffset, rangeLength);
    }
}
