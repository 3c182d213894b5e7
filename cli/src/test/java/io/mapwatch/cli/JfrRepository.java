package io.mapwatch.cli;

import jdk.jfr.consumer.EventStream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JFR repository of a JVM started with {@code -XX:FlightRecorderOptions:repository=BASE}, read from
 * outside while it runs, so that a test waits for the events it needs instead of guessing how long the
 * agent's samplers take.
 */
public final class JfrRepository {
    private JfrRepository() {
    }

    public static String jvmOption(Path base) {
        return "-XX:FlightRecorderOptions:repository=" + base;
    }

    /**
     * Waits until the repository under {@code base} holds events of each {@code "TYPE PATH"}: then they are in
     * the recording, whenever it stops. {@code context} is shown when the wait fails.
     */
    public static void await(Path base, Duration bound, Object context, String... typeAndPath) throws Exception {
        Path repository;
        try (Stream<Path> children = Files.list(base)) {
            repository = children.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Set<String> missing = ConcurrentHashMap.newKeySet();
        missing.addAll(List.of(typeAndPath));
        CountDownLatch allSeen = new CountDownLatch(1);
        try (EventStream stream = EventStream.openRepository(repository)) {
            stream.setStartTime(Instant.EPOCH);
            stream.onEvent(event -> {
                if (event.hasField("path") && missing.remove(event.getEventType().getName() + " " + event.getString("path"))
                        && missing.isEmpty()) {
                    allSeen.countDown();
                }
            });
            stream.startAsync();
            assertTrue(allSeen.await(bound.toSeconds(), TimeUnit.SECONDS), "not in the JFR repository: " + missing
                    + "\n" + context);
        }
    }
}
