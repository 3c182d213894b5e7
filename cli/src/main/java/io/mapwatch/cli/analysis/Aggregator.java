package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Folds the facts of a pass, in time order, into the few figures one analysis needs. One that
 * follows mappings only listens to {@link LiveMappings} and is handed no facts.
 */
public interface Aggregator extends Consumer<Fact> {
    /** The kinds of fact this aggregator looks at; the pass hands it no others. */
    default Set<Class<? extends Fact>> kinds() {
        return Set.of();
    }

    @Override
    default void accept(Fact fact) {
    }

    /** The process that wrote the facts so far has ended (the next recording is another JVM's). */
    default void processEnded(Instant at) {
    }

    /** The pass is over; {@code end} is the end of the last recording. */
    default void finish(Instant end) {
    }
}
