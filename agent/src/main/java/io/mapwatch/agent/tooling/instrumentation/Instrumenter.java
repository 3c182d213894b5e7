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

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * The engine: the one place that builds the {@link AgentBuilder}. It registers
 * {@link InstrumentationModule}s and installs their {@link TypeInstrumentation}s, and knows no
 * target by name. Retransformation always, so that a dynamic attach instruments classes that are
 * already loaded, and so that JFR retransforming {@code FileChannelImpl} itself gets our advice
 * applied to the original bytes again.
 */
public final class Instrumenter {
    private final Instrumentation inst;
    private final Set<String> instrumented = new ConcurrentSkipListSet<>();
    private final Set<String> failures = new ConcurrentSkipListSet<>();
    /** Type instrumentations by the name of their type, in the order they were registered. */
    private final Map<String, List<TypeInstrumentation>> types = new LinkedHashMap<>();

    public Instrumenter(Instrumentation inst) {
        this.inst = inst;
    }

    /** Adds the module's type instrumentations, unless it cannot be prepared: then it says why, in one line. */
    public Instrumenter register(InstrumentationModule module) {
        String problem = module.prepare(inst);
        if (problem != null) {
            Log.warn(problem);
            return this;
        }
        for (TypeInstrumentation type : module.typeInstrumentations()) {
            types.computeIfAbsent(type.typeName(), t -> new ArrayList<>()).add(type);
        }
        return this;
    }

    public void install() {
        ElementMatcher.Junction<TypeDescription> targets = ElementMatchers.none();
        for (Map.Entry<String, List<TypeInstrumentation>> target : types.entrySet()) {
            preload(target.getKey());
            for (TypeInstrumentation type : target.getValue()) {
                type.alsoLoaded().forEach(Instrumenter::preload);
            }
            targets = targets.or(named(target.getKey()));
        }
        AgentBuilder builder = newAgentBuilder()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(new FailureListener())
                .ignore(ElementMatchers.not(targets))
                .assureReadEdgeTo(inst, MapDispatcher.class);
        for (Map.Entry<String, List<TypeInstrumentation>> target : types.entrySet()) {
            List<TypeInstrumentation> typeInstrumentations = target.getValue();
            builder = builder.type(named(target.getKey())).transform((b, type, loader, module, domain) -> {
                AdviceApplier applier = new AdviceApplier(b, type);
                typeInstrumentations.forEach(t -> t.transform(applier));
                return applier.builder;
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

    /** Adds advice to one type in one transformation, and records what it instrumented. */
    private final class AdviceApplier implements TypeTransformer {
        private DynamicType.Builder<?> builder;
        private final TypeDescription type;

        AdviceApplier(DynamicType.Builder<?> builder, TypeDescription type) {
            this.builder = builder;
            this.type = type;
        }

        @Override
        public void applyAdvice(String label, ElementMatcher<? super MethodDescription> methods, Class<?> advice) {
            if (type.getDeclaredMethods().filter(methods).isEmpty()) {
                return; // not present on this JDK (the Arena entry before 22, the incubator one after 17)
            }
            instrumented.add(label);
            builder = builder.visit(Advice.to(advice).withExceptionHandler(ADVICE_FAILED).on(methods));
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

    /**
     * Classes must be loaded before installing: otherwise Byte Buddy's own reflection loads them in
     * the middle of a transformation and they are silently skipped.
     */
    private static void preload(String name) {
        try {
            Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            Log.debug(name + " is not in this JDK");
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
