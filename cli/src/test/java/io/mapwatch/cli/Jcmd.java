package io.mapwatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JDK's {@code jcmd} against a running JVM, as an operator would run it. */
public final class Jcmd {
    private static final Duration BOUND = Duration.ofMinutes(2);

    private Jcmd() {
    }

    /** Runs {@code jcmd PID COMMAND...}, fails unless it succeeded, and returns what it said. */
    public static String run(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String said = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(jcmd.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS), String.join(" ", line));
        assertEquals(0, jcmd.exitValue(), String.join(" ", line) + "\n" + said);
        assertFalse(said.contains("Could not") || said.contains("failed"), String.join(" ", line) + "\n" + said);
        return said;
    }
}
