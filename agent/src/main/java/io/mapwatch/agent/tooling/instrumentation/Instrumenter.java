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
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
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
    /** Advice per target type, in the order it is applied: type name to (label, advice, methods). */
    private final Map<String, List<Visit>> visits = new LinkedHashMap<>();

    /** One advice class on the methods of one type that {@code methods} matches. */
    private static final class Visit {
        final String label;
        final Class<?> advice;
        final ElementMatcher<? super MethodDescription> methods;

        Visit(String label, Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
            this.label = label;
            this.advice = advice;
            this.methods = methods;
        }
    }

    /**
     * Adds {@code advice} to the methods of {@code typeName} that {@code methods} matches; a
     * target absent from this JDK is skipped. {@code label} names it in {@code mapwatch.AgentStatus}.
     */
    public Instrumenter advise(String typeName, String label, Class<?> advice, ElementMatcher<? super MethodDescription> methods) {
        visits.computeIfAbsent(typeName, t -> new ArrayList<>()).add(new Visit(label, advice, methods));
        return this;
    }

    /** The lifecycle targets: map, unmap, force, load. */
    public Instrumenter lifecycle() {
        advise(FILE_CHANNEL_IMPL, "FileChannelImpl.mapInternal", MappingAdvice.MapAdvice.class,
                named("mapInternal").and(takesArguments(5)));
        // JDK 22+: FileChannel.map(MapMode, long, long, Arena); JDK 17: the incubator's entry.
        advise(FILE_CHANNEL_IMPL, "FileChannelImpl.map(Arena)", MappingAdvice.SegmentMapAdvice.class,
                named("map").and(takesArguments(4)).and(takesArgument(3, named("java.lang.foreign.Arena"))));
        advise(FILE_CHANNEL_IMPL, "FileChannelImpl.mapInternal(incubator)", MappingAdvice.SegmentMapAdvice.class,
                named("mapInternal").and(takesArguments(3)));
        advise(UNMAPPER, "Unmapper.<init>", MappingAdvice.UnmapperConstructorAdvice.class,
                isConstructor().and(takesArguments(5)));
        advise(UNMAPPER, "Unmapper.unmap", MappingAdvice.UnmapAdvice.class, named("unmap").and(takesArguments(0)));
        advise(MAPPED_MEMORY_UTILS, "MappedMemoryUtils.force", MappingAdvice.ForceAdvice.class,
                named("force").and(takesArguments(5)));
        return advise(MAPPED_MEMORY_UTILS, "MappedMemoryUtils.load", MappingAdvice.LoadAdvice.class,
                named("load").and(takesArguments(3)));
    }

    public void install(Instrumentation inst) {
        preload(visits.keySet());
        preload(List.of("sun.nio.ch.FileChannelImpl$DefaultUnmapper", "sun.nio.ch.FileChannelImpl$SyncUnmapper"));
        ElementMatcher.Junction<TypeDescription> targets = ElementMatchers.none();
        for (String typeName : visits.keySet()) {
            targets = targets.or(named(typeName));
        }
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureListener())
                .ignore(ElementMatchers.not(targets))
                .assureReadEdgeTo(inst, MapDispatcher.class);
        for (Map.Entry<String, List<Visit>> target : visits.entrySet()) {
            List<Visit> adviceList = target.getValue();
            builder = builder.type(named(target.getKey())).transform((b, type, loader, module, domain) -> {
                for (Visit visit : adviceList) {
                    b = visit(b, type, visit);
                }
                return b;
            });
        }
        builder.installOn(inst);
    }

    /** Methods that carry advice now, as {@code Class.method}. */
    public List<String> instrumented() {
        return Collections.unmodifiableList(new ArrayList<>(instrumented));
    }

    /** Targets that could not be instrumented, each with its reason. */
    public List<String> failures() {
        return Collections.unmodifiableList(new ArrayList<>(failures));
    }

    private DynamicType.Builder<?> visit(DynamicType.Builder<?> builder, TypeDescription type, Visit visit) {
        if (type.getDeclaredMethods().filter(visit.methods).isEmpty()) {
            return builder; // not present on this JDK (the Arena entry before 22, the incubator one after 17)
        }
        instrumented.add(visit.label);
        return builder.visit(Advice.to(visit.advice).withExceptionHandler(ADVICE_FAILED).on(visit.methods));
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

    /**
     * Classes must be loaded before installing: otherwise Byte Buddy's own reflection loads them in
     * the middle of a transformation and they are silently skipped.
     */
    private void preload(Iterable<String> names) {
        for (String name : names) {
            try {
                Class.forName(name, false, null);
            } catch (ClassNotFoundException | LinkageError e) {
                Log.debug(name + " is not in this JDK");
            }
        }
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
