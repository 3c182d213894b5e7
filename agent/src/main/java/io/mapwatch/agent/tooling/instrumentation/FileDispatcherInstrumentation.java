package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.MapDispatcher;
import net.bytebuddy.asm.Advice;

import java.io.FileDescriptor;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The JDK's {@code size(FileDescriptor)} of its file dispatcher, the {@code fstat} that
 * {@code FileChannelImpl.mapInternal} makes just before it maps: {@code mapwatch.Map.fileSize} is
 * taken from it rather than from a second {@code fstat} of our own, which cost a churning mapper
 * 8% of its time. The method is declared in {@code FileDispatcherImpl} on JDK 17 and in
 * {@code UnixFileDispatcherImpl} from JDK 21: one instance per name, the absent one is skipped.
 */
public final class FileDispatcherInstrumentation implements TypeInstrumentation {
    static final String JDK_17 = "sun.nio.ch.FileDispatcherImpl";
    static final String JDK_21 = "sun.nio.ch.UnixFileDispatcherImpl";

    private final String typeName;

    FileDispatcherInstrumentation(String typeName) {
        this.typeName = typeName;
    }

    @Override
    public String typeName() {
        return typeName;
    }

    @Override
    public void transform(TypeTransformer transformer) {
        transformer.applyAdvice("FileDispatcher.size",
                named("size").and(takesArguments(FileDescriptor.class)).and(returns(long.class)), SizeAdvice.class);
    }

    /** {@code long size(FileDescriptor)}: hands the size to a map in progress on this thread, if any. */
    public static final class SizeAdvice {
        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return long size) {
            MapDispatcher.sizeRead(size);
        }
    }
}
