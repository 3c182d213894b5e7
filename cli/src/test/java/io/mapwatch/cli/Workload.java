package io.mapwatch.cli;

import io.mapwatch.testapps.MapScenario;
import org.h2.mvstore.MVStore;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A forked JVM running a workload under the real agent jar, recording to a file, as a user would
 * run it. The classpath holds the test-apps jar and this module's test classes and test dependencies
 * (own workloads, peers such as H2).
 */
public final class Workload {
    private static final long TIMEOUT_SECONDS = 180;
    private static Path agentCopy;

    private Workload() {
    }

    /** The outcome of one run: its exit code and what it printed (stdout and stderr together). */
    public record Run(int exitCode, String output, Path recording) {
        /** The value of a {@code name=value} line the workload printed. */
        public String result(String name) {
            return output.lines().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + name + "= in:\n" + output));
        }
    }

    /** A workload still running, which a test can look at from outside before it ends. */
    public record Started(Process process, Path log, List<String> command, Path recording) {
        public long pid() {
            return process.pid();
        }

        /** What it printed so far (stdout and stderr together). */
        public String outputSoFar() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for the end (bounded) and gives the outcome. */
        public Run await() {
            try {
                boolean ended = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (!ended) {
                    process.destroyForcibly().waitFor();
                }
                String output = outputSoFar();
                Files.deleteIfExists(log);
                if (!ended) {
                    throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command + "\n" + output);
                }
                return new Run(process.exitValue(), output, recording);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs {@code main} with {@code args} under the agent, recording to {@code recording}; extra JVM options first. */
    public static Run record(Path recording, List<String> jvmOptions, Class<?> main, String... args) {
        return start(recording, jvmOptions, main, args).await();
    }

    /** Starts {@code main} as {@link #record} does, without waiting for it. */
    public static Started start(Path recording, List<String> jvmOptions, Class<?> main, String... args) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-javaagent:" + agentJar() + "=record=" + recording);
        return start(java(options, main, args), recording);
    }

    /** The command that runs {@code main} with {@code args} in a JVM of its own, without the agent; JVM options first. */
    public static List<String> java(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    public static Run record(Path recording, Class<?> main, String... args) {
        return record(recording, List.of(), main, args);
    }

    /** Runs the CLI jar in its own JVM, as ./mapwatch does. */
    public static Run cli(String... args) {
        return start(cliCommand(args), null).await();
    }

    /** The command that runs the CLI jar with {@code args}. */
    public static List<String> cliCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(property("mapwatch.cli.jar"));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * A copy of the agent jar taken at the first use: a build of the agent module running meanwhile
     * in the same tree rewrites the original.
     */
    public static synchronized Path agentJar() {
        if (agentCopy == null) {
            try {
                Path dir = Files.createTempDirectory("mapwatch-agent");
                agentCopy = Files.copy(Paths.get(property("mapwatch.agent.jar")), dir.resolve("mapwatch-agent.jar"));
                agentCopy.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return agentCopy;
    }

    /** Starts {@code command} (one {@link #java} made) without waiting for it. */
    public static Started start(List<String> command) {
        return start(command, null);
    }

    private static Started start(List<String> command, Path recording) {
        try {
            Path log = Files.createTempFile("mapwatch-workload", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Started(process, log, command, recording);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String classpath() {
        return String.join(File.pathSeparator, location(MapScenario.class), location(Workload.class), location(MVStore.class));
    }

    private static String location(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set (run through mvn verify)");
        }
        return value;
    }
}
