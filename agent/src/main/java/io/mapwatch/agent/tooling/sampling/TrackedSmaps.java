package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.agent.bootstrap.MappingRegistry;
import io.mapwatch.kernel.procfs.Smaps;
import io.mapwatch.kernel.procfs.SmapsEntry;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code /proc/self/smaps} figures of the live tracked mappings, for the smaps pass
 * ({@code mapwatch.MappingResidency}) and the working-set pass ({@code mapwatch.WorkingSet}).
 * Reading smaps makes the kernel walk the page tables of every mapping of the process, the heap's
 * too, so the two passes share a read when they fall in one wake-up of the sampler thread; only the
 * lines of tracked mappings are parsed. Sampler thread only.
 */
final class TrackedSmaps {
    static final String SMAPS = "smaps";
    /** Indexes into a mapping's figures, summed over its kernel areas (a split mapping has several). */
    static final int RSS = 0;
    static final int PSS = 1;
    static final int SHARED_CLEAN = 2;
    static final int SHARED_DIRTY = 3;
    static final int PRIVATE_CLEAN = 4;
    static final int PRIVATE_DIRTY = 5;
    static final int REFERENCED = 6;
    static final int SWAP = 7;
    private static final int FIGURES = 8;
    /** A read this recent serves another pass: the passes of one wake-up run back to back. */
    private static final long SHARED_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final Sources sources;
    private final Path file;
    private Map<Mapping, long[]> last;
    private long lastReadAt;

    TrackedSmaps(Sources sources) {
        this(sources, Paths.get("/proc/self/smaps"));
    }

    TrackedSmaps(Sources sources, Path file) {
        this.sources = sources;
        this.file = file;
    }

    /**
     * The figures of each live tracked mapping smaps showed, from a read that began at most a
     * moment ago (made now if there is none). A mapping made since that read is absent.
     */
    Map<Mapping, long[]> read() throws IOException {
        long now = System.nanoTime();
        if (last == null || now - lastReadAt > SHARED_READ_NANOS) {
            last = readNow();
            lastReadAt = now;
        }
        return last;
    }

    /**
     * Forgets the last read: the kernel's figures changed under it (the accessed bits were
     * cleared), so the next pass must read again.
     */
    void changed() {
        last = null;
    }

    private Map<Mapping, long[]> readNow() throws IOException {
        Map<Mapping, long[]> figures = new IdentityHashMap<>();
        try {
            Smaps.forEach(file, TrackedSmaps::tracked, entry -> {
                Mapping mapping = MappingRegistry.containing(entry.mapping().start());
                if (mapping != null && !mapping.own) {
                    add(figures.computeIfAbsent(mapping, m -> new long[FIGURES]), entry);
                }
            });
            sources.ok(SMAPS);
        } catch (IOException e) {
            sources.unavailable(SMAPS, file + " cannot be read");
            throw e;
        }
        return figures;
    }

    private static boolean tracked(long start) {
        Mapping mapping = MappingRegistry.containing(start);
        return mapping != null && !mapping.own;
    }

    private static void add(long[] sum, SmapsEntry e) {
        long[] values = new long[FIGURES];
        values[RSS] = e.rss();
        values[PSS] = e.pss();
        values[SHARED_CLEAN] = e.sharedClean();
        values[SHARED_DIRTY] = e.sharedDirty();
        values[PRIVATE_CLEAN] = e.privateClean();
        values[PRIVATE_DIRTY] = e.privateDirty();
        values[REFERENCED] = e.referenced();
        values[SWAP] = e.swap();
        for (int i = 0; i < FIGURES; i++) {
            sum[i] += Math.max(0, values[i]);
        }
    }
}
