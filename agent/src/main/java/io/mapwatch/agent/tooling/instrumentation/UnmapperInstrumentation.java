package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.MapDispatcher;
import io.mapwatch.agent.bootstrap.Mapping;
import io.mapwatch.events.UnmapEvent;
import net.bytebuddy.asm.Advice;

import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code sun.nio.ch.FileChannelImpl$Unmapper}: its constructor receives the kernel address and
 * mapped size of the map in progress (its fields are private to a class advice cannot name), and
 * {@code unmap()} is every unmap ({@code mapwatch.Unmap}), in the JDK's cleaner threads too: the
 * advice never throws there, where a throw makes the JDK call {@code System.exit(1)}.
 */
public final class UnmapperInstrumentation implements TypeInstrumentation {
    @Override
    public String typeName() {
        return "sun.nio.ch.FileChannelImpl$Unmapper";
    }

    @Override
    public List<String> alsoLoaded() {
        return List.of("sun.nio.ch.FileChannelImpl$DefaultUnmapper", "sun.nio.ch.FileChannelImpl$SyncUnmapper");
    }

    @Override
    public void transform(TypeTransformer transformer) {
        transformer.applyAdvice("Unmapper.<init>", isConstructor().and(takesArguments(5)), UnmapperConstructorAdvice.class);
        transformer.applyAdvice("Unmapper.unmap", named("unmap").and(takesArguments(0)), UnmapAdvice.class);
    }

    /** {@code Unmapper(address, size, cap, fd, pagePosition)}. */
    public static final class UnmapperConstructorAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) long address, @Advice.Argument(1) long mappedSize) {
            MapDispatcher.unmapperCreated(address, mappedSize);
        }
    }

    /** {@code unmap()}; the exit commits the filled event, so that the stack trace starts here. */
    public static final class UnmapAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static Mapping enter(@Advice.FieldValue("address") long address) {
            return MapDispatcher.unmapStarting(address);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter Mapping mapping) {
            UnmapEvent unmapped = MapDispatcher.unmapFinished(mapping);
            if (unmapped != null) {
                unmapped.commit();
            }
        }
    }
}
