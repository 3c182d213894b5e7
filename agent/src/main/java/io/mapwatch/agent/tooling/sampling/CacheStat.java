package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import io.mapwatch.agent.tooling.linux.LinuxCalls;

import java.util.HashMap;
import java.util.Map;

/**
 * The page cache of a file range from {@code cachestat(2)} (Linux 6.5+): cached, dirty, under
 * writeback, evicted and recently evicted pages. Recently evicted pages are the kernel's refault
 * signal: pages of the range it dropped so recently that reading them again means the cache is too
 * small for the file. One system call per range, for ranges of any size, where mincore needs a
 * mapping and one call per slice. The file is opened by its path, read-only.
 */
final class CacheStat {
    static final String CACHESTAT = "cachestat";
    static final int CACHED = 0;
    static final int DIRTY = 1;
    static final int WRITEBACK = 2;
    static final int EVICTED = 3;
    static final int RECENTLY_EVICTED = 4;

    private final LinuxCalls calls;
    private final Sources sources;
    /** Set when the kernel refused the call itself: no further pass tries it. */
    private volatile boolean refused;

    private CacheStat(LinuxCalls calls, Sources sources) {
        this.calls = calls;
        this.sources = sources;
    }

    /** Null, with the reason in {@code sources}, when there are no native calls ({@code whyNot} says why). */
    static CacheStat open(LinuxCalls calls, String whyNot, Sources sources) {
        if (calls == null) {
            sources.unavailable(CACHESTAT, whyNot);
            return null;
        }
        return new CacheStat(calls, sources);
    }

    /** Whether cachestat may work: not refused by the kernel so far. */
    boolean usable() {
        return !refused;
    }

    /** One residency pass: each file is opened once, and every file is closed by {@link Pass#close()}. */
    Pass pass() {
        return new Pass();
    }

    final class Pass implements AutoCloseable {
        private final Map<String, Integer> descriptors = new HashMap<>();

        /**
         * The five counts, in pages, of {@code length} bytes of {@code path} from {@code offset};
         * null when the file cannot be opened (deleted, not readable) or the kernel refuses the call.
         */
        long[] read(String path, long offset, long length) {
            if (refused || path == null) {
                return null;
            }
            Integer fd = descriptors.computeIfAbsent(path, this::openQuietly);
            if (fd < 0) {
                return null;
            }
            long[] counts = new long[5];
            try {
                calls.cachestat(fd, offset, length, counts);
                sources.ok(CACHESTAT);
                return counts;
            } catch (ErrnoException e) {
                if (e.errno() == ErrnoException.ENOSYS || e.errno() == ErrnoException.EPERM) {
                    refused = true;
                    sources.unavailable(CACHESTAT, e.errno() == ErrnoException.ENOSYS
                            ? "cachestat(2) is not in this kernel (ENOSYS): it needs Linux 6.5, or a seccomp profile hides it"
                            : "cachestat(2) refused (EPERM): a seccomp profile forbids it");
                }
                return null;
            }
        }

        private int openQuietly(String path) {
            try {
                return calls.openReadOnly(path);
            } catch (ErrnoException e) {
                return -1;
            }
        }

        @Override
        public void close() {
            for (int fd : descriptors.values()) {
                if (fd >= 0) {
                    try {
                        calls.close(fd);
                    } catch (ErrnoException ignored) {
                        // a read-only descriptor that does not close loses nothing
                    }
                }
            }
            descriptors.clear();
        }
    }
}
