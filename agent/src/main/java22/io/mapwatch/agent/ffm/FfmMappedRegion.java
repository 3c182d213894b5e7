package io.mapwatch.agent.ffm;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import io.mapwatch.agent.tooling.linux.MappedRegion;

import java.lang.invoke.VarHandle;

/**
 * A shared mapping the agent made itself (a perf ring buffer), read and written by copying with
 * {@code memcpy} to and from a {@code byte[]} ({@link FfmLinuxCalls#peek} and the like), neither as a
 * {@code MemorySegment} nor as a buffer over the mapping: the exact mode reads its rings at every
 * wake-up, in JVMs whose application reads its files through segments (Lucene on JDK 21+) or
 * mapped buffers, and the JDK code both go through ({@code ScopedMemoryAccess}, the buffers'
 * {@code session()}) would see the agent's accesses among the application's.
 */
final class FfmMappedRegion implements MappedRegion {
    private final long address;
    private final long length;
    private final FfmLinuxCalls calls;

    FfmMappedRegion(long address, long length, FfmLinuxCalls calls) {
        this.address = address;
        this.length = length;
        this.calls = calls;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long getLong(long offset) {
        return calls.peek(address + offset);
    }

    @Override
    public long getLongAcquire(long offset) {
        long value = calls.peek(address + offset); // x86-64: loads are not reordered with other loads
        VarHandle.acquireFence();
        return value;
    }

    @Override
    public void setLongRelease(long offset, long value) {
        VarHandle.releaseFence(); // x86-64: a store is not reordered with earlier loads
        calls.poke(address + offset, value);
    }

    @Override
    public void copy(long offset, byte[] into, int at, int length) {
        calls.copy(address + offset, into, at, length);
    }

    @Override
    public void unmap() throws ErrnoException {
        calls.unmap(address, length);
    }
}
