package io.mapwatch.agent.tooling.instrumentation;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** What a {@link TypeInstrumentation} is handed to add its advice to the type being transformed. */
public interface TypeTransformer {
    /**
     * Inlines {@code advice} into the methods {@code methods} matches; a method absent from this
     * JDK is skipped. {@code label} names the target in {@code mapwatch.AgentStatus.instrumented}.
     */
    void applyAdvice(String label, ElementMatcher<? super MethodDescription> methods, Class<?> advice);
}
