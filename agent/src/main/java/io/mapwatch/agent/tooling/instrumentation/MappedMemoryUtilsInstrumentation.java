package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.MapDispatcher;
import io.mapwatch.events.ForceEvent;
import io.mapwatch.events.LoadEvent;
import net.bytebuddy.asm.Advice;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code java.nio.MappedMemoryUtils}: {@code force} (msync, {@code mapwatch.Force}) and
 * {@code load} (madvise and touch, {@code mapwatch.Load}) of buffers and segments alike. Each exit
 * commits the filled event, so that the stack trace starts here.
 */
public final class MappedMemoryUtilsInstrumentation implements TypeInstrumentation {
    @Override
    public String typeName() {
        return "java.nio.MappedMemoryUtils";
    }

    @Override
    public void transform(TypeTransformer transformer) {
        transformer.applyAdvice("MappedMemoryUtils.force", named("force").and(takesArguments(5)), ForceAdvice.class);
        transformer.applyAdvice("MappedMemoryUtils.load", named("load").and(takesArguments(3)), LoadAdvice.class);
    }

    /** {@code force(FileDescriptor, long address, boolean, long index, long length)}. */
    public static final class ForceAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static ForceEvent enter() {
            return MapDispatcher.forceStarting();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter ForceEvent event,
                         @Advice.Argument(1) long address,
                         @Advice.Argument(3) long index,
                         @Advice.Argument(4) long length) {
            ForceEvent forced = MapDispatcher.forceFinished(event, address, index, length);
            if (forced != null) {
                forced.commit();
            }
        }
    }

    /** {@code load(long address, boolean, long size)}. */
    public static final class LoadAdvice {
        @Advice.OnMethodEnter(suppress = Throwable.class)
        static LoadEvent enter() {
            return MapDispatcher.loadStarting();
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.Enter LoadEvent event,
                         @Advice.Argument(0) long address,
                         @Advice.Argument(2) long size) {
            LoadEvent loaded = MapDispatcher.loadFinished(event, address, size);
            if (loaded != null) {
                loaded.commit();
            }
        }
    }
}
