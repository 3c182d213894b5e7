package io.mapwatch.agent.ffm;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import io.mapwatch.agent.tooling.linux.MappedRegion;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** A shared mapping the agent made itself (a perf ring buffer), read and written in place. */
final class FfmMappedRegion implements MappedRegion {
    private static final VarHandle LONG = JAVA_LONG.varHandle();

    private final MemorySegment region;
    private final FfmLinuxCalls calls;

    FfmMappedRegion(MemorySegment region, FfmLinuxCalls calls) {
        this.region = region;
        this.calls = calls;
    }

    @Override
    public long length() {
        return region.byteSize();
    }

    @Override
    public long getLong(long offset) {
        return region.get(JAVA_LONG, offset);
    }

    @Override
    public long getLongAcquire(long offset) {
        return (long) LONG.getAcquire(region, offset);
    }

    @Override
    public void setLongRelease(long offset, long value) {
        LONG.setRelease(region, offset, value);
    }

    @Override
    public void copy(long offset, byte[] into, int at, int length) {
        MemorySegment.copy(region, JAVA_BYTE, offset, into, at, length);
    }

    @Override
    public void unmap() throws ErrnoException {
        calls.unmap(region);
    }
}
