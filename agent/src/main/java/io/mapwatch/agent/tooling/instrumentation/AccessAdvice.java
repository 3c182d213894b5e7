package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.AccessDispatcher;
import io.mapwatch.events.MappedReadEvent;
import io.mapwatch.events.MappedWriteEvent;
import net.bytebuddy.asm.Advice;

import java.nio.ByteBuffer;

/**
 * Advice inlined into the JDK's bulk copies: the byte-array and buffer-to-buffer paths of
 * {@code ByteBuffer} and the static {@code MemorySegment.copy} methods. Only static methods that
 * hand over to {@link AccessDispatcher}; what they inline must stay small, because it sits in
 * every bulk copy of every direct buffer.
 *
 * <p>Exit advice runs on normal return only: a copy that threw (an {@code InternalError} for a
 * page past the end of a truncated file) moved an unknown number of bytes, and its started event
 * is dropped. It commits the event the dispatcher filled, so that the event's stack trace starts
 * at the JDK's copy method (JFR starts it at the caller of {@code commit()}). Segment types appear
 * as {@code Object}: this code is compiled for JDK 17.
 */
public final class AccessAdvice {
    private AccessAdvice() {
    }

    /** {@code ByteBuffer.getArray(int index, byte[] dst, int offset, int length)}. */
    public static final class GetArrayAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static MappedReadEvent enter(@Advice.This ByteBuffer buffer, @Advice.Argument(3) int length) {
            return AccessDispatcher.bufferReadStarting(buffer, length);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter MappedReadEvent read, @Advice.This ByteBuffer buffer,
                         @Advice.Argument(0) int index, @Advice.Argument(3) int length) {
            MappedReadEvent done = AccessDispatcher.bufferReadFinished(read, buffer, index, length);
            if (done != null) {
                done.commit();
            }
        }
    }

    /** {@code ByteBuffer.putArray(int index, byte[] src, int offset, int length)}. */
    public static final class PutArrayAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static MappedWriteEvent enter(@Advice.This ByteBuffer buffer, @Advice.Argument(3) int length) {
            return AccessDispatcher.bufferWriteStarting(buffer, length);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter MappedWriteEvent write, @Advice.This ByteBuffer buffer,
                         @Advice.Argument(0) int index, @Advice.Argument(3) int length) {
            MappedWriteEvent done = AccessDispatcher.bufferWriteFinished(write, buffer, index, length);
            if (done != null) {
                done.commit();
            }
        }
    }

    /**
     * {@code ByteBuffer.putBuffer(int pos, ByteBuffer src, int srcPos, int n)}: a read when the
     * source is mapped, a write when this buffer is, both when both are.
     */
    public static final class PutBufferAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This ByteBuffer target, @Advice.Argument(1) ByteBuffer source,
                          @Advice.Argument(3) int length,
                          @Advice.Local("read") MappedReadEvent read, @Advice.Local("write") MappedWriteEvent write) {
            read = AccessDispatcher.bufferReadStarting(source, length);
            write = AccessDispatcher.bufferWriteStarting(target, length);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This ByteBuffer target, @Advice.Argument(0) int position,
                         @Advice.Argument(1) ByteBuffer source, @Advice.Argument(2) int sourcePosition,
                         @Advice.Argument(3) int length,
                         @Advice.Local("read") MappedReadEvent read, @Advice.Local("write") MappedWriteEvent write) {
            MappedReadEvent readDone = AccessDispatcher.bufferReadFinished(read, source, sourcePosition, length);
            if (readDone != null) {
                readDone.commit();
            }
            MappedWriteEvent writeDone = AccessDispatcher.bufferWriteFinished(write, target, position, length);
            if (writeDone != null) {
                writeDone.commit();
            }
        }
    }

    /** {@code MemorySegment.copy(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long bytes)}. */
    public static final class SegmentCopyAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object source, @Advice.Argument(2) Object target,
                          @Advice.Argument(4) long bytes,
                          @Advice.Local("read") MappedReadEvent read, @Advice.Local("write") MappedWriteEvent write) {
            read = AccessDispatcher.segmentReadStarting(source, null, bytes);
            write = AccessDispatcher.segmentWriteStarting(target, null, bytes);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object source, @Advice.Argument(1) long sourceOffset,
                         @Advice.Argument(2) Object target, @Advice.Argument(3) long targetOffset,
                         @Advice.Argument(4) long bytes,
                         @Advice.Local("read") MappedReadEvent read, @Advice.Local("write") MappedWriteEvent write) {
            MappedReadEvent readDone = AccessDispatcher.segmentReadFinished(read, source, sourceOffset, null, bytes);
            if (readDone != null) {
                readDone.commit();
            }
            MappedWriteEvent writeDone = AccessDispatcher.segmentWriteFinished(write, target, targetOffset, null, bytes);
            if (writeDone != null) {
                writeDone.commit();
            }
        }
    }

    /**
     * {@code MemorySegment.copy(MemorySegment src, ValueLayout srcLayout, long srcOffset,
     * MemorySegment dst, ValueLayout dstLayout, long dstOffset, long elementCount)}, which
     * {@code toArray} uses too.
     */
    public static final class SegmentElementCopyAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object source, @Advice.Argument(1) Object layout,
                          @Advice.Argument(3) Object target, @Advice.Argument(6) long count,
                          @Advice.Local("read") MappedReadEvent read, @Advice.Local("write") MappedWriteEvent write) {
            read = AccessDispatcher.segmentReadStarting(source, layout, count);
            write = AccessDispatcher.segmentWriteStarting(target, layout, count);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object source, @Advice.Argument(1) Object layout,
                         @Advice.Argument(2) long sourceOffset, @Advice.Argument(3) Object target,
                         @Advice.Argument(5) long targetOffset, @Advice.Argument(6) long count,
                         @Advice.Local("read") MappedReadEvent read, @Advice.Local("write") MappedWriteEvent write) {
            MappedReadEvent readDone = AccessDispatcher.segmentReadFinished(read, source, sourceOffset, layout, count);
            if (readDone != null) {
                readDone.commit();
            }
            MappedWriteEvent writeDone = AccessDispatcher.segmentWriteFinished(write, target, targetOffset, layout, count);
            if (writeDone != null) {
                writeDone.commit();
            }
        }
    }

    /** {@code MemorySegment.copy(MemorySegment src, ValueLayout srcLayout, long srcOffset, Object dstArray, int dstIndex, int elementCount)}. */
    public static final class SegmentToArrayAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static MappedReadEvent enter(@Advice.Argument(0) Object source, @Advice.Argument(1) Object layout,
                                     @Advice.Argument(5) int count) {
            return AccessDispatcher.segmentReadStarting(source, layout, count);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter MappedReadEvent read, @Advice.Argument(0) Object source,
                         @Advice.Argument(1) Object layout, @Advice.Argument(2) long sourceOffset,
                         @Advice.Argument(5) int count) {
            MappedReadEvent done = AccessDispatcher.segmentReadFinished(read, source, sourceOffset, layout, count);
            if (done != null) {
                done.commit();
            }
        }
    }

    /** {@code MemorySegment.copy(Object srcArray, int srcIndex, MemorySegment dst, ValueLayout dstLayout, long dstOffset, int elementCount)}. */
    public static final class ArrayToSegmentAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static MappedWriteEvent enter(@Advice.Argument(2) Object target, @Advice.Argument(3) Object layout,
                                      @Advice.Argument(5) int count) {
            return AccessDispatcher.segmentWriteStarting(target, layout, count);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Enter MappedWriteEvent write, @Advice.Argument(2) Object target,
                         @Advice.Argument(3) Object layout, @Advice.Argument(4) long targetOffset,
                         @Advice.Argument(5) int count) {
            MappedWriteEvent done = AccessDispatcher.segmentWriteFinished(write, target, targetOffset, layout, count);
            if (done != null) {
                done.commit();
            }
        }
    }
}
