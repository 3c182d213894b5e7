package io.mapwatch.agent.it;

import jdk.jfr.consumer.EventStream;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The events a running workload has recorded so far, read from outside through the JFR disk
 * repository its recordings write to ({@code -XX:FlightRecorderOptions:repository=DIR}), so that a
 * test waits for the events it needs instead of guessing how long the samplers take.
 */
final class LiveRepository {
    private LiveRepository() {
    }

    static String jvmOption(Path repository) {
        return "-XX:FlightRecorderOptions:repository=" + repository;
    }

    /** Waits until the workload has recorded at least one event of each of {@code names}. */
    static void awaitEvents(Path repository, Collection<String> names, ForkedJvm.Running workload, Duration bound)
            throws IOException, InterruptedException {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (EventStream stream = EventStream.openRepository(repository)) {
            stream.onEvent(event -> seen.add(event.getEventType().getName()));
            // from the first event: by default a stream of another process's repository starts at its newest chunk data
            stream.setStartTime(Instant.EPOCH);
            stream.startAsync();
            Waits.until(bound, () -> seen.containsAll(names) || !workload.process.isAlive(),
                    "events " + names + " in " + repository);
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; missing " + missing(names, seen), timedOut);
        }
        if (!seen.containsAll(names)) {
            throw new AssertionError("the workload ended before recording " + missing(names, seen)
                    + "\nstderr:\n" + workload.stderrSoFar());
        }
    }

    private static Set<String> missing(Collection<String> names, Set<String> seen) {
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(seen);
        return missing;
    }
}
