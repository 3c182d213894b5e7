package io.mapwatch.cli.analysis;

import io.mapwatch.cli.read.Fact;

import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/** Folds the facts of a pass, in time order, into the few figures one analysis needs. */
public interface Aggregator extends Consumer<Fact> {
    /** The kinds of fact this aggregator looks at; the pass hands it no others. */
    Set<Class<? extends Fact>> kinds();

    /** The process that wrote the facts so far has ended (the next recording is another JVM's). */
    default void processEnded(Instant at) {
    }

    /** The pass is over; {@code end} is the end of the last recording. */
    default void finish(Instant end) {
    }
}
