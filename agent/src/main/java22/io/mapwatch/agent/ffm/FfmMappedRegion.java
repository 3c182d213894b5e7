package io.mapwatch.agent.ffm;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import io.mapwatch.agent.tooling.linux.MappedRegion;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A shared mapping the agent made itself (a perf ring buffer), read and written in place through
 * a direct {@link ByteBuffer}, not a {@code MemorySegment}: the exact mode reads its rings at every
 * wake-up, in JVMs whose application may read its files through segments (Lucene on JDK 21+),
 * and keeps its reads off the JDK's segment code (see {@link FfmLinuxCalls}). A segment is made
 * once, to reach the mapped address as a buffer.
 */
final class FfmMappedRegion implements MappedRegion {
    private final long address;
    private final ByteBuffer buffer;
    private final FfmLinuxCalls calls;

    FfmMappedRegion(long address, long length, FfmLinuxCalls calls) {
        this.address = address;
        this.buffer = MemorySegment.ofAddress(address).reinterpret(length).asByteBuffer().order(ByteOrder.nativeOrder());
        this.calls = calls;
    }

    @Override
    public long length() {
        return buffer.capacity();
    }

    @Override
    public long getLong(long offset) {
        return buffer.getLong((int) offset);
    }

    @Override
    public long getLongAcquire(long offset) {
        long value = buffer.getLong((int) offset);
        VarHandle.acquireFence(); // later reads stay after this one
        return value;
    }

    @Override
    public void setLongRelease(long offset, long value) {
        VarHandle.releaseFence(); // earlier reads stay before this write
        buffer.putLong((int) offset, value);
    }

    @Override
    public void copy(long offset, byte[] into, int at, int length) {
        buffer.get((int) offset, into, at, length);
    }

    @Override
    public void unmap() throws ErrnoException {
        calls.unmap(address, buffer.capacity());
    }
}
