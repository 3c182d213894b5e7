package io.mapwatch.agent.tooling.sampling;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Page-cache residency of a mapped range with mincore, through the JDK's own
 * {@code MappedMemoryUtils.isLoaded0(address, length, pages)} (what {@code MappedByteBuffer.isLoaded()}
 * calls). mincore reads the kernel's page tables only: it never touches the mapped memory.
 *
 * <p>{@code isLoaded0} answers "is all of it in memory?", so a range is counted by splitting it:
 * a chunk that is wholly resident counts whole, a chunk that is not is halved until it reaches the
 * resolution, where a chunk not wholly resident counts zero. The count is therefore a lower bound
 * exact to the resolution (one page for mappings up to 16 MiB, 1/4096 of the mapping above).
 */
final class PageCache {
    private static final int MAX_LEAVES = 4096;
    private static final long START_CHUNK = 2L << 20;

    private final Method isLoaded;
    private final long pageSize;

    private PageCache(Method isLoaded, long pageSize) {
        this.isLoaded = isLoaded;
        this.pageSize = pageSize;
    }

    /**
     * Opens {@code java.nio} to this class's module and finds {@code isLoaded0}; null (with the
     * reason in {@code sources}) if the JDK does not allow it.
     */
    static PageCache open(Instrumentation inst, long pageSize, Sources sources, String source) {
        try {
            Module javaBase = Object.class.getModule();
            inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.nio", Set.of(PageCache.class.getModule())),
                    Set.of(), Map.of());
            Method method = Class.forName("java.nio.MappedMemoryUtils")
                    .getDeclaredMethod("isLoaded0", long.class, long.class, long.class);
            method.setAccessible(true);
            sources.ok(source);
            return new PageCache(method, pageSize);
        } catch (ReflectiveOperationException | RuntimeException e) {
            sources.unavailable(source, "MappedMemoryUtils.isLoaded0 not reachable: " + e);
            return null;
        }
    }

    /** Bytes of [address, address + length) in the page cache; -1 if mincore failed (unmapped meanwhile). */
    long residentBytes(long address, long length) {
        long pages = (length + pageSize - 1) / pageSize;
        long resolution = Math.max(pageSize, roundUpToPages(length / MAX_LEAVES));
        long total = 0;
        try {
            for (long offset = 0; offset < pages * pageSize; offset += START_CHUNK) {
                long chunk = Math.min(START_CHUNK, pages * pageSize - offset);
                total += count(address + offset, chunk, resolution);
            }
            return total;
        } catch (ReflectiveOperationException | RuntimeException unmapped) {
            return -1;
        }
    }

    private long count(long address, long length, long resolution) throws ReflectiveOperationException {
        if (loaded(address, length)) {
            return length;
        }
        if (length <= resolution) {
            return 0;
        }
        long half = roundUpToPages(length / 2);
        return count(address, half, resolution) + count(address + half, length - half, resolution);
    }

    private boolean loaded(long address, long length) throws ReflectiveOperationException {
        return (Boolean) isLoaded.invoke(null, address, length, length / pageSize);
    }

    private long roundUpToPages(long bytes) {
        return (bytes + pageSize - 1) / pageSize * pageSize;
    }
}
