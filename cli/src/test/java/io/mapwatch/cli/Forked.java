package io.mapwatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A process of its own whose stdout and stderr go to files, readable while it runs; closing it ends it. */
public final class Forked implements AutoCloseable {
    /** How long anything a test waits for may take on a loaded machine. */
    public static final Duration BOUND = Duration.ofMinutes(2);

    public final Process process;
    private final Path stdout;
    private final Path stderr;

    private Forked(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static Forked start(Path dir, String name, Map<String, String> environment, List<String> command) throws IOException {
        Path stdout = Files.createTempFile(dir, name, ".out");
        Path stderr = Files.createTempFile(dir, name, ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().putAll(environment);
        return new Forked(builder.start(), stdout, stderr);
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** The value of the first {@code name=value} line of stdout, once there. */
    public String awaitStdoutValue(String name) throws InterruptedException {
        await(() -> stdout().lines().anyMatch(l -> l.startsWith(name + "=")), "stdout to show " + name + "=");
        return stdout().lines().filter(l -> l.startsWith(name + "=")).findFirst().orElseThrow()
                .substring(name.length() + 1);
    }

    public void awaitStderr(String text) throws InterruptedException {
        await(() -> stderr().contains(text), "stderr to show " + text);
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("did not end within " + BOUND + "\n" + this);
        }
        return process.exitValue();
    }

    public void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() && !condition.getAsBoolean()) {
                throw new AssertionError("ended before " + what + "\n" + this);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + BOUND + " for " + what + "\n" + this);
            }
            Thread.sleep(20);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        end();
    }

    /** Ends the process with SIGTERM (forcibly if it does not end in time) and waits for it. */
    public void end() {
        process.destroy();
        try {
            if (!process.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "--- " + process.info().commandLine().orElse("?") + "\n--- stdout\n" + stdout() + "--- stderr\n" + stderr();
    }
}
