package io.mapwatch.agent.tooling.instrumentation;

import java.lang.instrument.Instrumentation;
import java.util.List;

/**
 * A set of type instrumentations that are installed together or not at all (the OpenTelemetry
 * agent's {@code InstrumentationModule}): it only lists them, and the {@link Instrumenter} registers
 * it.
 */
public interface InstrumentationModule {
    /**
     * Makes the module's advice able to work before it is installed, such as opening a JDK package
     * to the bootstrap part of the agent. Returns null, or the line that says what goes unrecorded
     * and why, when the module cannot be installed.
     */
    default String prepare(Instrumentation inst) {
        return null;
    }

    /** The types this module instruments on this JDK. */
    List<TypeInstrumentation> typeInstrumentations();
}
