package io.mapwatch.agent.tooling.instrumentation;

import java.util.List;

/**
 * The advice for one JDK type, kept in one file with what it matches: the type, by name, and for
 * each advice the methods it goes on (the OpenTelemetry agent's {@code TypeInstrumentation}).
 * The advice classes are static nested classes of the implementation.
 */
public interface TypeInstrumentation {
    /** The type whose methods get advice; loaded before installing. */
    String typeName();

    /**
     * Other classes to load before installing: those that Byte Buddy's own reflection on this type
     * would load in the middle of a transformation, which it would then silently skip.
     */
    default List<String> alsoLoaded() {
        return List.of();
    }

    /** Adds each advice of this type, on the methods its matcher selects. */
    void transform(TypeTransformer transformer);
}
