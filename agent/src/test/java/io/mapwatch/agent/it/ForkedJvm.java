package io.mapwatch.agent.it;

import com.sun.tools.attach.VirtualMachine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A workload from test-apps in a JVM of its own (the same Java as the test), with or without the
 * real shaded agent jar. Collects stdout and stderr; {@code key=value} lines of stdout are results.
 */
final class ForkedJvm {
    static final Path AGENT_JAR = Paths.get(System.getProperty("mapwatch.agent.jar", "target/mapwatch-agent.jar"));
    static final Path TEST_APPS_JAR = Paths.get(System.getProperty("mapwatch.testapps.jar",
            "../test-apps/target/mapwatch-test-apps.jar"));
    static final Path JAVA = Paths.get(System.getProperty("java.home"), "bin", "java");
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> prefix = new ArrayList<>();
    private String mainClass;
    private final List<String> args = new ArrayList<>();
    private Path readyFile;
    private final Map<String, String> environment = new HashMap<>();
    private boolean mountNamespace;
    private String user;

    static ForkedJvm workload(String simpleName, String... args) {
        ForkedJvm jvm = new ForkedJvm();
        jvm.mainClass = "io.mapwatch.testapps." + simpleName;
        jvm.args.addAll(Arrays.asList(args));
        return jvm;
    }

    ForkedJvm args(String... more) {
        args.addAll(Arrays.asList(more));
        return this;
    }

    /** Has the workload write {@code dir/ready} ({@code --ready-file}) once it did its work: see {@link Running#awaitReady}. */
    ForkedJvm signallingReady(Path dir) {
        readyFile = dir.resolve("ready");
        return args("--ready-file", readyFile.toString());
    }

    /**
     * Has the workload hold for up to {@code seconds} once it did its work ({@code --hold}) and
     * {@link #signallingReady}; it ends when the test deletes the ready file. See {@link #runHeld}.
     */
    ForkedJvm holding(Path dir, String seconds) {
        return signallingReady(dir).args("--hold", seconds);
    }

    ForkedJvm agent(String options) {
        jvmArgs.add("-javaagent:" + AGENT_JAR.toAbsolutePath() + (options == null || options.isEmpty() ? "" : "=" + options));
        return this;
    }

    ForkedJvm jvmArg(String... more) {
        jvmArgs.addAll(Arrays.asList(more));
        return this;
    }

    /** Runs the JVM through a shell command first, such as {@code ulimit -v N}. */
    ForkedJvm shellPrefix(String shellCommand) {
        prefix.add(shellCommand);
        return this;
    }

    /** Runs the shell prefix and the JVM in a private mount namespace (needs root). */
    ForkedJvm inMountNamespace() {
        mountNamespace = true;
        return this;
    }

    /** Runs the JVM as {@code user} (after a root shell prefix, such as mounts): {@code setpriv}, needs root. */
    ForkedJvm asUser(String user) {
        this.user = user;
        return this;
    }

    ForkedJvm env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(TEST_APPS_JAR.toAbsolutePath().toString());
        command.add(mainClass);
        command.addAll(args);
        if (prefix.isEmpty()) {
            return command;
        }
        StringBuilder shell = new StringBuilder(String.join("; ", prefix)).append("; exec");
        if (user != null) {
            shell.append(" setpriv --reuid=").append(user).append(" --regid=").append(user)
                    .append(" --clear-groups");
        }
        for (String part : command) {
            shell.append(" '").append(part.replace("'", "'\\''")).append("'");
        }
        return mountNamespace
                ? List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", shell.toString())
                : List.of("/bin/sh", "-c", shell.toString());
    }

    Running start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().putAll(environment);
        return new Running(builder.start(), readyFile);
    }

    Result run() throws IOException, InterruptedException {
        return start().await(DEFAULT_TIMEOUT);
    }

    /** Runs the workload under the agent with {@code record=recording}; it must succeed. */
    Result runRecording(Path recording) throws IOException, InterruptedException {
        return agent("record=" + recording).run().assertSucceeded();
    }

    /** What a test does with a workload while it holds. */
    interface WhileHeld {
        void run(Running app) throws Exception;
    }

    /**
     * Starts a {@link #holding} workload, waits until it holds, runs {@code whileHeld}, then lets it
     * end (also when {@code whileHeld} failed, so that it does not hold on) and waits for its end.
     */
    Result runHeld(WhileHeld whileHeld) throws Exception {
        Running app = start();
        try {
            app.awaitReady(DEFAULT_TIMEOUT);
            whileHeld.run(app);
        } finally {
            app.release();
        }
        return app.await(DEFAULT_TIMEOUT);
    }

    /** A started JVM whose output is collected in the background, readable while it runs. */
    static final class Running {
        final Process process;
        private final StringBuffer stdout = new StringBuffer();
        private final StringBuffer stderr = new StringBuffer();
        private final CompletableFuture<Void> stdoutDone;
        private final CompletableFuture<Void> stderrDone;
        private final Path readyFile;

        Running(Process process, Path readyFile) {
            this.process = process;
            this.readyFile = readyFile;
            this.stdoutDone = drain(process.getInputStream(), stdout);
            this.stderrDone = drain(process.getErrorStream(), stderr);
        }

        long pid() {
            return process.pid();
        }

        String stdoutSoFar() {
            return stdout.toString();
        }

        String stderrSoFar() {
            return stderr.toString();
        }

        /** Loads the real agent jar into this running JVM by dynamic attach, as {@code mapwatch record} does. */
        void attachAgent(String options) throws Exception {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid()));
            try {
                vm.loadAgent(AGENT_JAR.toAbsolutePath().toString(), options);
            } finally {
                vm.detach();
            }
        }

        /** Runs the JDK's {@code jcmd} against this JVM, as an operator would; its output, or fails. */
        String jcmd(String... command) throws IOException, InterruptedException {
            List<String> line = new ArrayList<>();
            line.add(JAVA.resolveSibling("jcmd").toString());
            line.add(Long.toString(pid()));
            line.addAll(List.of(command));
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0) {
                throw new AssertionError(String.join(" ", line) + " failed: " + output);
            }
            return output;
        }

        /** Waits for a line of stderr that contains {@code text}, or fails when the JVM ends first. */
        void awaitStderr(String text, Duration bound) throws InterruptedException {
            Waits.until(bound, () -> stderr.indexOf(text) >= 0 || !process.isAlive(), "stderr to show " + text);
            if (stderr.indexOf(text) < 0) {
                throw new AssertionError("the workload ended without printing " + text + "\nstderr:\n" + stderr);
            }
        }

        /** Waits for a line of stdout that starts with {@code prefix}. */
        void awaitStdout(String prefix, Duration bound) throws InterruptedException {
            Waits.until(bound, () -> stdout.indexOf(prefix) >= 0 || !process.isAlive(), "stdout to show " + prefix);
            if (stdout.indexOf(prefix) < 0) {
                throw new AssertionError("the workload ended without printing " + prefix + "\nstderr:\n" + stderr);
            }
        }

        /** Waits until a {@link #signallingReady} workload wrote its ready file, or fails when it ends first. */
        void awaitReady(Duration bound) throws InterruptedException {
            Waits.until(bound, () -> Files.exists(readyFile) || !process.isAlive(), "the workload to do its work and hold");
            if (!Files.exists(readyFile)) {
                throw new AssertionError("the workload ended before it held\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
        }

        /** Deletes the ready file of a {@link #holding} workload: it stops holding and ends. */
        void release() throws IOException {
            Files.deleteIfExists(readyFile);
        }

        Result await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("workload did not end within " + timeout + "; stderr: " + stderr);
            }
            stdoutDone.join();
            stderrDone.join();
            return new Result(process.exitValue(), stdout.toString(), stderr.toString());
        }

        private static CompletableFuture<Void> drain(InputStream in, StringBuffer into) {
            return CompletableFuture.runAsync(() -> {
                byte[] buffer = new byte[8192];
                try {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        into.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    }
                } catch (IOException ended) {
                    // the process is gone; what was read is kept
                }
            }, runnable -> {
                Thread reader = new Thread(runnable, "forked-jvm-output");
                reader.setDaemon(true);
                reader.start();
            });
        }
    }

    /** What the JVM printed and how it ended. */
    static final class Result {
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** The value of the last {@code key=value} line of stdout with this key. */
        String value(String key) {
            String found = null;
            for (String line : stdout.split("\n")) {
                if (line.startsWith(key + "=")) {
                    found = line.substring(key.length() + 1).trim();
                }
            }
            if (found == null) {
                throw new AssertionError("no " + key + "= in the workload's output:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return found;
        }

        double number(String key) {
            return Double.parseDouble(value(key));
        }

        /** Lines of stdout that start with {@code prefix}. */
        List<String> lines(String prefix) {
            List<String> lines = new ArrayList<>();
            for (String line : stdout.split("\n")) {
                if (line.startsWith(prefix)) {
                    lines.add(line);
                }
            }
            return lines;
        }

        Result assertSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("workload exited with " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    /** Fields of a {@code key=value key=value} line. */
    static Map<String, String> fields(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String part : line.trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                fields.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return fields;
    }
}
