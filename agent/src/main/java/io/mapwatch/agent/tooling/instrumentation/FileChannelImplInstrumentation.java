package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.MapCall;
import io.mapwatch.agent.bootstrap.MapDispatcher;
import io.mapwatch.events.MapEvent;
import io.mapwatch.events.MapFailureEvent;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;


import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.nio.ch.FileChannelImpl}: every map, whether of a {@code MappedByteBuffer} or a
 * {@code MemorySegment}, passes {@code mapInternal(MapMode, long, long, int, boolean)} on JDK 17,
 * 21 and 25 ({@code mapwatch.Map}, {@code mapwatch.MapFailure}); a map inside the segment entry
 * point is a segment's.
 */
public final class FileChannelImplInstrumentation implements TypeInstrumentation {
    @Override
    public String typeName() {
        return "sun.nio.ch.FileChannelImpl";
    }

    @Override
    public void transform(TypeTransformer transformer) {
        transformer.applyAdvice("FileChannelImpl.mapInternal", named("mapInternal").and(takesArguments(5)), MapAdvice.class);
        // JDK 22+: FileChannel.map(MapMode, long, long, Arena); JDK 17: the incubator's entry.
        transformer.applyAdvice("FileChannelImpl.map(Arena)",
                named("map").and(takesArguments(4)).and(takesArgument(3, named("java.lang.foreign.Arena"))), SegmentMapAdvice.class);
        transformer.applyAdvice("FileChannelImpl.mapInternal(incubator)",
                named("mapInternal").and(takesArguments(3)), SegmentMapAdvice.class);
    }

    /**
     * {@code mapInternal(MapMode, long, long, int, boolean)}. The exit commits the event the
     * dispatcher filled, so that the stack trace starts here (JFR starts it at the caller of
     * {@code commit()}).
     */
    public static final class MapAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static MapCall enter(@Advice.FieldValue("path") String path,
                             @Advice.Argument(0) Object mode,
                             @Advice.Argument(1) long position,
                             @Advice.Argument(2) long size) {
            return MapDispatcher.mapStarting(path, mode, position, size);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter MapCall call,
                         @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object unmapper,
                         @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                MapEvent mapped = MapDispatcher.mapFinished(call, unmapper != null);
                if (mapped != null) {
                    mapped.commit();
                }
            } else {
                MapFailureEvent failure = MapDispatcher.mapFailed(call, thrown);
                if (failure != null) {
                    failure.commit();
                }
            }
        }
    }

    /** {@code map(MapMode, long, long, Arena)} and JDK 17's incubator entry. */
    public static final class SegmentMapAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            MapDispatcher.segmentMapStarting();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            MapDispatcher.segmentMapFinished();
        }
    }
}
