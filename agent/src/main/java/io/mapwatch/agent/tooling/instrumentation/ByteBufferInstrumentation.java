package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.AccessDispatcher;
import io.mapwatch.events.MappedReadEvent;
import io.mapwatch.events.MappedWriteEvent;
import net.bytebuddy.asm.Advice;

import java.nio.ByteBuffer;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.nio.ByteBuffer}: the common paths of every byte-array and buffer-to-buffer bulk
 * get/put of a direct buffer, the same on JDK 17 and 25 ({@code mapwatch.MappedRead},
 * {@code mapwatch.MappedWrite}). Single-value get/put are JIT intrinsics on every hot path and are
 * never touched.
 *
 * <p>What the advice inlines sits in every bulk copy of every direct buffer: it only hands over to
 * {@link AccessDispatcher} and commits what it returns, so that the stack trace starts at the
 * JDK's copy (JFR starts it at the caller of {@code commit()}). Exit advice runs on normal return
 * only: a copy that threw (an {@code InternalError} for a page past the end of a truncated file)
 * moved an unknown number of bytes, and its started event is dropped.
 */
public final class ByteBufferInstrumentation implements TypeInstrumentation {
    @Override
    public String typeName() {
        return "java.nio.ByteBuffer";
    }

    @Override
    public void transform(TypeTransformer transformer) {
        transformer.applyAdvice("ByteBuffer.getArray",
                named("getArray").and(takesArguments(int.class, byte[].class, int.class, int.class)), GetArrayAdvice.class);
        transformer.applyAdvice("ByteBuffer.putArray",
                named("putArray").and(takesArguments(int.class, byte[].class, int.class, int.class)), PutArrayAdvice.class);
        transformer.applyAdvice("ByteBuffer.putBuffer",
                named("putBuffer").and(takesArguments(int.class, ByteBuffer.class, int.class, int.class)), PutBufferAdvice.class);
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
}
