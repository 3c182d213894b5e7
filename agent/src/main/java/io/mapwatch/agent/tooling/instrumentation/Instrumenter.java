package io.mapwatch.agent.tooling.instrumentation;

import io.mapwatch.agent.bootstrap.AgentState;
import io.mapwatch.agent.bootstrap.MapDispatcher;
import io.mapwatch.agent.tooling.Log;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ClassInjector;
import net.bytebuddy.implementation.bytecode.StackManipulation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The one place that builds the {@link AgentBuilder} and decides what is instrumented: a handful
 * of JDK methods that are the same on JDK 17, 21 and 25. Retransformation always, so that a
 * dynamic attach instruments classes that are already loaded, and so that JFR retransforming
 * {@code FileChannelImpl} itself gets our advice applied to the original bytes again.
 */
public final class Instrumenter {
    static final String FILE_CHANNEL_IMPL = "sun.nio.ch.FileChannelImpl";
    static final String UNMAPPER = "sun.nio.ch.FileChannelImpl$Unmapper";
    static final String MAPPED_MEMORY_UTILS = "java.nio.MappedMemoryUtils";

    private final Set<String> instrumented = new ConcurrentSkipListSet<>();
    private final Set<String> failures = new ConcurrentSkipListSet<>();

    public void install(Instrumentation inst) {
        List<Class<?>> targets = preload(FILE_CHANNEL_IMPL, UNMAPPER, MAPPED_MEMORY_UTILS,
                "sun.nio.ch.FileChannelImpl$DefaultUnmapper", "sun.nio.ch.FileChannelImpl$SyncUnmapper");
        newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureListener())
                .ignore(not(named(FILE_CHANNEL_IMPL).or(named(UNMAPPER)).or(named(MAPPED_MEMORY_UTILS))))
                .assureReadEdgeTo(inst, MapDispatcher.class)
                .type(named(FILE_CHANNEL_IMPL))
                .transform((builder, type, loader, module, domain) -> {
                    builder = visit(builder, type, "FileChannelImpl.mapInternal", MappingAdvice.MapAdvice.class,
                            named("mapInternal").and(takesArguments(5)));
                    // JDK 22+: FileChannel.map(MapMode, long, long, Arena); JDK 17: the incubator's entry.
                    builder = visit(builder, type, "FileChannelImpl.map(Arena)", MappingAdvice.SegmentMapAdvice.class,
                            named("map").and(takesArguments(4)).and(takesArgument(3, named("java.lang.foreign.Arena"))));
                    return visit(builder, type, "FileChannelImpl.mapInternal(incubator)", MappingAdvice.SegmentMapAdvice.class,
                            named("mapInternal").and(takesArguments(3)));
                })
                .type(named(UNMAPPER))
                .transform((builder, type, loader, module, domain) -> {
                    builder = visit(builder, type, "Unmapper.<init>", MappingAdvice.UnmapperConstructorAdvice.class,
                            isConstructor().and(takesArguments(5)));
                    return visit(builder, type, "Unmapper.unmap", MappingAdvice.UnmapAdvice.class,
                            named("unmap").and(takesArguments(0)));
                })
                .type(named(MAPPED_MEMORY_UTILS))
                .transform((builder, type, loader, module, domain) -> {
                    builder = visit(builder, type, "MappedMemoryUtils.force", MappingAdvice.ForceAdvice.class,
                            named("force").and(takesArguments(5)));
                    return visit(builder, type, "MappedMemoryUtils.load", MappingAdvice.LoadAdvice.class,
                            named("load").and(takesArguments(3)));
                })
                .installOn(inst);
        for (Class<?> target : targets) {
            Log.debug("instrumentation target loaded: " + target.getName());
        }
    }

    /**
     * Our relocated Byte Buddy must not touch {@code sun.misc.Unsafe}: JDK 24+ prints a warning
     * to the application's stderr for it, and advice needs no class injection. The property is
     * read once, by static initializers of this relocated copy only (shading renames it too).
     */
    private static AgentBuilder newAgentBuilder() {
        String safe = ClassInjector.UsingUnsafe.SAFE_PROPERTY;
        boolean set = System.getProperty(safe) == null;
        if (set) {
            System.setProperty(safe, "true");
        }
        try {
            return new AgentBuilder.Default();
        } finally {
            if (set) {
                System.clearProperty(safe);
            }
        }
    }

    /** Methods that carry advice now, as {@code Class.method}. */
    public List<String> instrumented() {
        return Collections.unmodifiableList(new ArrayList<>(instrumented));
    }

    /** Targets that could not be instrumented, each with its reason. */
    public List<String> failures() {
        return Collections.unmodifiableList(new ArrayList<>(failures));
    }

    private DynamicType.Builder<?> visit(DynamicType.Builder<?> builder, TypeDescription type, String label,
                                         Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        if (type.getDeclaredMethods().filter(methods).isEmpty()) {
            return builder; // not present on this JDK (the Arena entry before 22, the incubator one after 17)
        }
        instrumented.add(label);
        return builder.visit(Advice.to(advice).withExceptionHandler(ADVICE_FAILED).on(methods));
    }

    /**
     * Classes must be loaded before installing: otherwise Byte Buddy's own reflection loads them in
     * the middle of a transformation and they are silently skipped.
     */
    private List<Class<?>> preload(String... names) {
        List<Class<?>> loaded = new ArrayList<>();
        for (String name : names) {
            try {
                loaded.add(Class.forName(name, false, null));
            } catch (ClassNotFoundException | LinkageError e) {
                failures.add(name + ": not in this JDK");
            }
        }
        return loaded;
    }

    /** Exception handler of every advice: hands the throwable to {@link AgentState#adviceFailed}. */
    private static final StackManipulation ADVICE_FAILED = adviceFailedCall();

    private static StackManipulation adviceFailedCall() {
        try {
            return MethodInvocation.invoke(new MethodDescription.ForLoadedMethod(
                    AgentState.class.getMethod("adviceFailed", Throwable.class)));
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded, Throwable throwable) {
            failures.add(typeName + ": " + throwable);
            Log.warn("could not instrument " + typeName + ", its mappings go unrecorded: " + throwable);
        }
    }
}
