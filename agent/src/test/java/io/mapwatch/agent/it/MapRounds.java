package io.mapwatch.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The test's side of a MapOnSignal workload: each round maps its files when a trigger file appears,
 * and a stop file ends it. The files live in the test's folder.
 */
final class MapRounds {
    private MapRounds() {
    }

    /** MapOnSignal mapping into {@code dir/data}, driven by {@link #round} and {@link #stop} on the same {@code dir}. */
    static ForkedJvm workload(Path dir, String... more) {
        return ForkedJvm.workload("MapOnSignal", "--dir", data(dir).toString(), "--trigger", trigger(dir).toString(),
                "--stop", dir.resolve("stop").toString()).args(more);
    }

    /** What a test does with the workload between its start and its stop. */
    interface WhileRunning {
        void run(ForkedJvm.Running app) throws Exception;
    }

    /**
     * Starts {@code jvm}, a {@link #workload} on {@code dir}, runs {@code whileRunning}, stops it
     * (also when {@code whileRunning} failed) and waits for its end; it must succeed.
     */
    static ForkedJvm.Result run(ForkedJvm jvm, Path dir, WhileRunning whileRunning) throws Exception {
        ForkedJvm.Running app = jvm.start();
        try {
            whileRunning.run(app);
        } finally {
            stop(dir);
        }
        return app.await(Duration.ofMinutes(2)).assertSucceeded();
    }

    /** Where the workload keeps the files it maps. */
    static Path data(Path dir) {
        return dir.resolve("data");
    }

    /** Has the workload make one round of maps, and waits until it did. */
    static void round(Path dir) throws IOException, InterruptedException {
        Files.writeString(trigger(dir), "go");
        Waits.until(Duration.ofMinutes(2), () -> !Files.exists(trigger(dir)), "the workload finished a round of maps");
    }

    /** Has the workload end; {@code finally} of every test that started one. */
    static void stop(Path dir) throws IOException {
        Files.writeString(dir.resolve("stop"), "stop");
    }

    private static Path trigger(Path dir) {
        return dir.resolve("trigger");
    }
}
