package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.AccessDispatcher;

import java.lang.instrument.Instrumentation;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Timing of bulk copies out of and into mapped memory ({@code access=on}): {@code ByteBuffer}'s
 * bulk paths, and on JDK 22+ {@code MemorySegment.copy}.
 *
 * <p>Telling a mapped buffer from an ordinary direct one needs the private
 * {@code MappedByteBuffer.fd}: {@code java.nio} is opened to the bootstrap part of the agent
 * before {@link AccessDispatcher} is initialized, so that its handle on the field is a constant.
 * Without that nothing is instrumented, and the agent says so.
 */
public final class MappedAccessModule implements InstrumentationModule {
    @Override
    public String prepare(Instrumentation inst) {
        String problem = openNioToDispatcher(inst);
        return problem == null ? null : "bulk copies of mapped memory are not timed: " + problem;
    }

    @Override
    public List<TypeInstrumentation> typeInstrumentations() {
        return AccessDispatcher.canCheckSegments()
                ? List.of(new ByteBufferInstrumentation(), new MemorySegmentInstrumentation())
                : List.of(new ByteBufferInstrumentation());
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
