package io.mapwatch.agent.tooling.linux;

/**
 * Memory the agent mapped itself with {@link LinuxCalls#mapShared}: a perf ring buffer. Offsets
 * are bytes from its start; reads and writes are native order, as the kernel writes them.
 */
public interface MappedRegion {
    long length();

    long getLong(long offset);

    /** A read that later reads cannot move before: {@code data_head} of a perf ring buffer. */
    long getLongAcquire(long offset);

    /** A write that earlier reads cannot move after: {@code data_tail}, once the records are read. */
    void setLongRelease(long offset, long value);

    void copy(long offset, byte[] into, int at, int length);

    /** munmap; the region must not be used afterwards. */
    void unmap() throws ErrnoException;
}
