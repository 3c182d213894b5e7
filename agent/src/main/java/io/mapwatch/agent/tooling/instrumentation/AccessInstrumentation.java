package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.AccessDispatcher;
import io.mapwatch.agent.tooling.Log;

import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Timing of bulk copies out of and into mapped memory ({@code access=on}): the common paths of
 * every byte-array and buffer-to-buffer bulk get/put of a direct {@code ByteBuffer} (the same on
 * JDK 17 and 25), and on JDK 22+ the static {@code MemorySegment.copy} methods. Single-value
 * get/put are JIT intrinsics on every hot path and are never touched.
 *
 * <p>Telling a mapped buffer from an ordinary direct one needs the private
 * {@code MappedByteBuffer.fd}: {@code java.nio} is opened to the bootstrap part of the agent
 * before {@link AccessDispatcher} is initialized, so that its handle on the field is a constant.
 * Without that nothing is instrumented, and the agent says so.
 */
public final class AccessInstrumentation {
    static final String BYTE_BUFFER = "java.nio.ByteBuffer";
    static final String MEMORY_SEGMENT = "java.lang.foreign.MemorySegment";
    private static final String VALUE_LAYOUT = "java.lang.foreign.ValueLayout";

    private AccessInstrumentation() {
    }

    public static void register(Instrumenter instrumenter, Instrumentation inst) {
        String problem = openNioToDispatcher(inst);
        if (problem != null) {
            Log.warn("bulk copies of mapped memory are not timed: " + problem);
            return;
        }
        instrumenter.advise(BYTE_BUFFER, "ByteBuffer.getArray", AccessAdvice.GetArrayAdvice.class,
                named("getArray").and(takesArguments(int.class, byte[].class, int.class, int.class)));
        instrumenter.advise(BYTE_BUFFER, "ByteBuffer.putArray", AccessAdvice.PutArrayAdvice.class,
                named("putArray").and(takesArguments(int.class, byte[].class, int.class, int.class)));
        instrumenter.advise(BYTE_BUFFER, "ByteBuffer.putBuffer", AccessAdvice.PutBufferAdvice.class,
                named("putBuffer").and(takesArguments(int.class, ByteBuffer.class, int.class, int.class)));
        if (AccessDispatcher.canCheckSegments()) {
            registerSegmentCopies(instrumenter);
        }
    }

    /** The four static {@code MemorySegment.copy} methods; {@code copyFrom} and {@code toArray} call them. */
    private static void registerSegmentCopies(Instrumenter instrumenter) {
        instrumenter.advise(MEMORY_SEGMENT, "MemorySegment.copy(segment,segment)", AccessAdvice.SegmentCopyAdvice.class,
                isStatic().and(named("copy")).and(takesArguments(5)));
        instrumenter.advise(MEMORY_SEGMENT, "MemorySegment.copy(segment,layout,segment)", AccessAdvice.SegmentElementCopyAdvice.class,
                isStatic().and(named("copy")).and(takesArguments(7)));
        instrumenter.advise(MEMORY_SEGMENT, "MemorySegment.copy(segment,array)", AccessAdvice.SegmentToArrayAdvice.class,
                isStatic().and(named("copy")).and(takesArguments(6)).and(takesArgument(0, named(MEMORY_SEGMENT)))
                        .and(takesArgument(1, named(VALUE_LAYOUT))));
        instrumenter.advise(MEMORY_SEGMENT, "MemorySegment.copy(array,segment)", AccessAdvice.ArrayToSegmentAdvice.class,
                isStatic().and(named("copy")).and(takesArguments(6)).and(takesArgument(0, Object.class))
                        .and(takesArgument(2, named(MEMORY_SEGMENT))));
    }

    /**
     * Opens {@code java.nio} to the bootstrap loader's unnamed module, where the dispatcher lives,
     * then initializes the dispatcher. Returns why that failed, or null.
     */
    private static String openNioToDispatcher(Instrumentation inst) {
        Module javaBase = ByteBuffer.class.getModule();
        Module dispatcher = AccessDispatcher.class.getModule(); // a class literal does not initialize it
        try {
            if (!inst.isModifiableModule(javaBase)) {
                return "java.base cannot be modified by agents here";
            }
            inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.nio", Set.of(dispatcher)), Set.of(), Map.of());
        } catch (RuntimeException e) {
            return "could not open java.nio to the agent (" + e + ")";
        }
        return AccessDispatcher.canCheckBuffers() ? null : "MappedByteBuffer.fd is not readable on this JDK";
    }
}
