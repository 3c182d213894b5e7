package io.mapwatch.agent.tooling.sampling;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The file mappings of {@code /proc/self/maps} that no instrumented call made, as the inventory read
 * them last (the tool's own files among them, marked): where each lies, the file it maps from
 * which offset, and the file's fault-range length. Immutable; the inventory publishes a new one
 * after each read of maps.
 */
final class UntrackedFiles {
    static final UntrackedFiles NONE = new Builder().build();

    private final long[] starts;
    private final long[] ends;
    private final long[] offsets;
    private final long[] rangeLengths;
    private final String[] paths;
    private final boolean[] own;

    private UntrackedFiles(long[] starts, long[] ends, long[] offsets, long[] rangeLengths, String[] paths, boolean[] own) {
        this.starts = starts;
        this.ends = ends;
        this.offsets = offsets;
        this.rangeLengths = rangeLengths;
        this.paths = paths;
        this.own = own;
    }

    /** The mapping that holds {@code address}, or -1. */
    int indexOf(long address) {
        int low = 0;
        int high = starts.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(starts[middle], address) > 0) {
                high = middle - 1;
            } else if (Long.compareUnsigned(address, ends[middle]) >= 0) {
                low = middle + 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /** The path to show, as events show untracked files. */
    String path(int index) {
        return paths[index];
    }

    /** The agent's own file or JFR's: its faults are not the application's. */
    boolean own(int index) {
        return own[index];
    }

    long fileOffset(int index, long address) {
        return offsets[index] + (address - starts[index]);
    }

    long rangeLength(int index) {
        return rangeLengths[index];
    }

    /** Collects the mappings of one read of maps, in the kernel's order (ascending addresses). */
    static final class Builder {
        private final List<long[]> areas = new ArrayList<>();
        private final List<String> paths = new ArrayList<>();
        private final List<Boolean> own = new ArrayList<>();
        private final Map<String, Long> extents = new HashMap<>();

        void add(long start, long end, long offset, String path, boolean ownFile) {
            areas.add(new long[]{start, end, offset});
            paths.add(path);
            own.add(ownFile);
            extents.merge(path, offset + (end - start), Math::max);
        }

        UntrackedFiles build() {
            int n = areas.size();
            long[] starts = new long[n];
            long[] ends = new long[n];
            long[] offsets = new long[n];
            long[] lengths = new long[n];
            boolean[] owned = new boolean[n];
            for (int i = 0; i < n; i++) {
                owned[i] = own.get(i);
                long[] area = areas.get(i);
                starts[i] = area[0];
                ends[i] = area[1];
                offsets[i] = area[2];
                lengths[i] = FaultRanges.rangeLength(extents.get(paths.get(i)));
            }
            return new UntrackedFiles(starts, ends, offsets, lengths, paths.toArray(new String[0]), owned);
        }
    }
}
