package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.events.WorkingSetEvent;
import io.mapwatch.kernel.procfs.ClearRefs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The working set of each live tracked mapping ({@code workingset=}): the pages this process
 * touched in a window. A window begins by clearing the kernel's accessed bits of the process's
 * file-mapped pages ({@link ClearRefs}: anonymous memory such as the heap is left alone) and ends
 * with smaps' {@code Referenced} of each tracked mapping, which then counts the pages accessed since;
 * the next window begins with the same pass. One {@code mapwatch.WorkingSet} per mapping and window.
 *
 * <p>Clearing changes what the kernel knows of the process (docs/user-guide.md), so nothing is
 * cleared unless a recording enables the event and something is mapped: the first pass after that
 * opens a window and emits nothing, and a window is never carried across a time the event was off.
 * Passes run on the sampler's grid only (a recording's start does not hurry one), so every window
 * is one period long, give or take the time a pass takes.
 */
final class WorkingSetSampler implements SamplerTask {
    static final String WORKINGSET = "workingset";

    private final Sources sources;
    private final TrackedSmaps smaps;
    private final Path clearRefs;
    private final WorkingSetEvent prototype = new WorkingSetEvent();
    private boolean windowOpen;
    private long windowStart;
    /** Set once the kernel refused the clear: the working set cannot be measured in this process. */
    private String unavailable;

    WorkingSetSampler(Sources sources, TrackedSmaps smaps, Path clearRefs) {
        this.sources = sources;
        this.smaps = smaps;
        this.clearRefs = clearRefs;
    }

    @Override
    public String name() {
        return WORKINGSET;
    }

    @Override
    public void run() throws IOException {
        if (unavailable != null || !prototype.isEnabled() || MappingRegistry.trackedCount() == 0) {
            windowOpen = false;
            return;
        }
        if (windowOpen) {
            emit(smaps.read(), System.nanoTime() - windowStart);
        }
        openWindow();
    }

    private void openWindow() {
        long start = System.nanoTime();
        try {
            ClearRefs.clearFileMapped(clearRefs);
        } catch (IOException | SecurityException e) {
            unavailable = clearRefs + " cannot be written: " + e;
            sources.unavailable(WORKINGSET, unavailable);
            windowOpen = false;
            return;
        } finally {
            smaps.changed();
        }
        windowStart = start;
        windowOpen = true;
    }

    private void emit(Map<Mapping, long[]> figures, long windowNanos) {
        for (Mapping mapping : MappingRegistry.live()) {
            long[] f = figures.get(mapping);
            if (f == null || mapping.own || mapping.isUnmapped()) {
                continue; // made after the read, or gone: no figures of its own
            }
            WorkingSetEvent event = new WorkingSetEvent();
            event.path = mapping.path;
            event.address = mapping.address;
            event.mappedSize = mapping.mappedSize;
            event.window = windowNanos;
            event.referencedBytes = Math.min(f[TrackedSmaps.REFERENCED], mapping.mappedSize);
            event.residentBytes = Math.min(f[TrackedSmaps.RSS], mapping.mappedSize);
            event.commit();
        }
        sources.ok(WORKINGSET);
    }
}
