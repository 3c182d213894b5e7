package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.AccessDispatcher;
import io.mapwatch.events.MappedReadEvent;
import io.mapwatch.events.MappedWriteEvent;
import net.bytebuddy.asm.Advice;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.lang.foreign.MemorySegment} (JDK 22+): the four static {@code copy} methods, which
 * {@code copyFrom} and {@code toArray} call too ({@code mapwatch.MappedRead},
 * {@code mapwatch.MappedWrite}). The advice is shaped as {@link ByteBufferInstrumentation}'s;
 * segment types appear as {@code Object}, because this code is compiled for JDK 17.
 */
public final class MemorySegmentInstrumentation implements TypeInstrumentation {
    private static final String MEMORY_SEGMENT = "java.lang.foreign.MemorySegment";
    private static final String VALUE_LAYOUT = "java.lang.foreign.ValueLayout";

    @Override
    public String typeName() {
        return MEMORY_SEGMENT;
    }

    @Override
    public void transform(TypeTransformer transformer) {
        transformer.applyAdvice("MemorySegment.copy(segment,segment)",
                isStatic().and(named("copy")).and(takesArguments(5)), SegmentCopyAdvice.class);
        transformer.applyAdvice("MemorySegment.copy(segment,layout,segment)",
                isStatic().and(named("copy")).and(takesArguments(7)), SegmentElementCopyAdvice.class);
        transformer.applyAdvice("MemorySegment.copy(segment,array)",
                isStatic().and(named("copy")).and(takesArguments(6)).and(takesArgument(0, named(MEMORY_SEGMENT)))
                        .and(takesArgument(1, named(VALUE_LAYOUT))), SegmentToArrayAdvice.class);
        transformer.applyAdvice("MemorySegment.copy(array,segment)",
                isStatic().and(named("copy")).and(takesArguments(6)).and(takesArgument(0, Object.class))
                        .and(takesArgument(2, named(MEMORY_SEGMENT))), ArrayToSegmentAdvice.class);
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
