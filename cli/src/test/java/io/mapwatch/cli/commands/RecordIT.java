package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Forked;
import io.mapwatch.cli.JfrRepository;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.cli.workloads.MapsWhenAsked;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * record on live JVMs: a forked {@link MapsWhenAsked} recorded by the CLI jar in its own JVM (as
 * ./mapwatch runs it) and by the CLI in this JVM; each way it can refuse, with its sentence.
 * Nothing waits a guessed time: a recording stopped early (SIGTERM, as Ctrl-C) is stopped only
 * once the recorded JVM's own JFR repository shows the events the test looks for.
 */
class RecordIT {
    private static final Duration BOUND = Forked.BOUND;
    private static final String RECORDING_STARTED = "mapwatch: recording process ";

    @TempDir
    Path dir;

    @Test
    void mappingsMadeBeforeTheAttachAreUntrackedAndLaterOnesAreMaps() throws Exception {
        Path recording = dir.resolve("rec.jfr");
        try (Forked target = startTarget();
             Forked cli = Forked.start(dir, "cli", Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString()),
                     Workload.cliCommand("record", Long.toString(target.pid()), "--duration", "10m",
                             "-o", recording.toString()))) {
            Path before = Path.of(target.awaitStdoutValue("before"));
            cli.awaitStderr(RECORDING_STARTED);
            Path after = ask(target);
            JfrRepository.await(dir.resolve("jfr-repository"), BOUND, target, "mapwatch.UntrackedMapping " + before.toRealPath(), "mapwatch.Map " + after);

            // SIGTERM, which record handles as Ctrl-C: a process started in the background may ignore SIGINT.
            cli.process.destroy();
            assertEquals(ExitCode.OK, cli.awaitExit(), cli.toString());
            assertEquals(recording.toString(), cli.stdout().strip());

            List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
            assertEquals(1, count(events, "mapwatch.Map", after.toString()), "the map after the attach, once");
            assertTrue(count(events, "mapwatch.UntrackedMapping", before.toRealPath().toString()) >= 1,
                    "the mapping made before the attach, from the inventory");
            assertEquals(0, count(events, "mapwatch.Map", before.toString()), "the agent did not see it being made");
            assertTrue(events.stream().anyMatch(e -> e.getEventType().getName().equals("jdk.JVMInformation")),
                    "the JVM's default settings apply too");
            try (Stream<Path> cached = Files.list(dir.resolve("cache/mapwatch"))) {
                assertTrue(cached.anyMatch(p -> p.getFileName().toString().matches("mapwatch-agent-[0-9a-f]{16}\\.jar")),
                        "the bundled agent jar, copied into the cache");
            }
        }
    }

    @Test
    void recordingTheSameJvmAgainReusesTheLoadedAgent() throws Exception {
        String agent = Workload.agentJar().toString();
        try (Forked target = startTarget()) {
            assertNull(listed(target).get("agentVersion"), "--list: no agent yet");
            Path first = dir.resolve("first.jfr");
            CliRun run = CliRun.of("record", Long.toString(target.pid()), "--duration", "1s", "-o", first.toString(),
                    "--agent", agent, "--agent-options", "log=info");
            assertEquals(ExitCode.OK, run.exitCode(), run.toString());
            assertEquals(first.toString(), run.out().strip(), "the path, once the file is written");
            assertTrue(run.err().startsWith(RECORDING_STARTED + target.pid() + " (java) for 1s into " + first), run.err());
            assertTrue(RecordingFile.readAllEvents(first).stream()
                    .anyMatch(e -> e.getEventType().getName().equals("mapwatch.AgentStatus")), "the agent's status");

            assertEquals(agentVersion(agent), listed(target).get("agentVersion"), "--list sees the agent loaded");

            Path second = dir.resolve("second.jfr");
            Path after;
            try (Forked cli = Forked.start(dir, "cli", Map.of(), Workload.cliCommand("record", Long.toString(target.pid()),
                    "--duration", "10m", "-o", second.toString(), "--agent", agent, "--agent-options", "log=info,stalls=50ms"))) {
                cli.awaitStderr(RECORDING_STARTED);
                after = ask(target);
                JfrRepository.await(dir.resolve("jfr-repository"), BOUND, target, "mapwatch.Map " + after);
                cli.process.destroy();
                assertEquals(ExitCode.OK, cli.awaitExit(), cli.toString());
                assertTrue(cli.stderr().contains("process " + target.pid() + " runs the mapwatch agent "
                        + agentVersion(agent) + " already"), cli.toString());
            }
            assertEquals(1, count(RecordingFile.readAllEvents(second), "mapwatch.Map", after.toString()),
                    "one event for one map: the agent was not loaded twice");
            List<String> agentLines = target.stderr().lines().filter(l -> l.startsWith("[mapwatch]"))
                    .collect(Collectors.toList());
            assertEquals(1, agentLines.stream().filter(l -> l.contains("started by attach")).count(), target.stderr());
            assertEquals(1, agentLines.stream().filter(l -> l.contains("agent already loaded: stalls=50ms (stays 20ms)"))
                    .count(), "the second load says the stall watcher keeps its period: " + target.stderr());
            assertEquals(1, agentLines.stream().filter(l -> l.contains("agent already loaded; in effect now: ")
                    && l.contains("stalls=20ms") && l.contains("log=info")).count(),
                    "the second load applied what it could of the options the CLI passed on: " + target.stderr());
        }
    }

    @Test
    void aJvmThatEndsDuringTheRecordingIsSaid() throws Exception {
        Path lost = dir.resolve("lost.jfr");
        try (Forked target = startTarget();
             Forked cli = Forked.start(dir, "cli", Map.of(), Workload.cliCommand("record", Long.toString(target.pid()),
                     "--duration", "10m", "-o", lost.toString(), "--agent", Workload.agentJar().toString()))) {
            cli.awaitStderr(RECORDING_STARTED);
            target.end();
            assertEquals(ExitCode.BAD_INPUT, cli.awaitExit(), cli.toString());
            assertTrue(cli.stderr().endsWith("mapwatch: process " + target.pid() + " ended during the recording; the"
                    + " recording ended with it, before anything could be written\n"), cli.toString());
            assertFalse(Files.exists(lost));
        }
    }

    @Test
    void aProcessThatIsNotAJvmIsLeftAlone() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "600").start();
        try {
            CliRun run = CliRun.of("record", Long.toString(sleep.pid()), "-o", dir.resolve("x.jfr").toString());
            assertRefused(run, "process " + sleep.pid() + " (sleep) is not a Java virtual machine");
            assertTrue(sleep.isAlive(), "no SIGQUIT reached it");
        } finally {
            sleep.destroyForcibly().waitFor();
        }
    }

    @Test
    void noSuchProcess() {
        assertRefused(CliRun.of("record", "999999999"), "no process with id 999999999");
    }

    @Test
    void aJvmThatDisablesAttachSaysSo() throws Exception {
        Path flags = Files.writeString(dir.resolve("options"), "-XX:+DisableAttachMechanism\n");
        for (String option : List.of("-XX:+DisableAttachMechanism", "-XX:VMOptionsFile=" + flags)) {
            try (Forked target = startTarget(option)) {
                // From the options file only the JDK's attach finds it out: by then the agent jar is chosen.
                CliRun run = CliRun.of("record", Long.toString(target.pid()), "--agent", Workload.agentJar().toString());
                assertRefused(run, "process " + target.pid()
                        + " is a JVM started with -XX:+DisableAttachMechanism, which refuses attach; restart it without"
                        + " that option to record it");
            }
        }
    }

    @Test
    void aJvmThatDoesNotHandleSigquitIsLeftAlone() throws Exception {
        try (Forked target = startTarget("-Xrs")) {
            assertRefused(CliRun.of("record", Long.toString(target.pid())), "process " + target.pid()
                    + " is a JVM that does not handle SIGQUIT (it runs with -Xrs, or is still starting), and the signal"
                    + " that starts attach would end it");
            assertTrue(target.process.isAlive());
        }
    }

    @Test
    void itsOwnProcess() {
        long self = ProcessHandle.current().pid();
        assertRefused(CliRun.of("record", Long.toString(self)),
                "process " + self + " is this mapwatch command itself; give the PID of another JVM");
    }

    @Test
    void anotherUsersProcess() throws Exception {
        assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0)
                && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root, to run the CLI as nobody");
        Process sleep = new ProcessBuilder("sleep", "600").start();
        try {
            List<String> command = new ArrayList<>(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                    "--clear-groups"));
            command.addAll(Workload.cliCommand("record", Long.toString(sleep.pid()), "-o", "/tmp/mapwatch-nobody.jfr"));
            try (Forked cli = Forked.start(dir, "cli", Map.of(), command)) {
                assertEquals(ExitCode.BAD_INPUT, cli.awaitExit(), cli.toString());
                assertEquals("mapwatch: process " + sleep.pid() + " belongs to user root, and a JVM accepts attach only from"
                        + " its own user: run mapwatch as root", cli.stderr().strip());
            }
        } finally {
            sleep.destroyForcibly().waitFor();
        }
    }

    private Forked startTarget(String... jvmOptions) throws Exception {
        List<String> options = new ArrayList<>(List.of(jvmOptions));
        options.add(JfrRepository.jvmOption(dir.resolve("jfr-repository")));
        Forked target = Forked.start(dir, "target", Map.of(),
                Workload.java(options, MapsWhenAsked.class, dir.resolve("data").toString()));
        target.awaitStdoutValue("before");
        return target;
    }

    /** Asks {@link MapsWhenAsked} for one more mapping, and returns its path once it is made. */
    private Path ask(Forked target) throws IOException, InterruptedException {
        long done = target.stdout().lines().filter(l -> l.startsWith("after=")).count();
        Path ask = Files.writeString(dir.resolve("data/ask"), "map");
        target.await(() -> !Files.exists(ask), "the workload to map once more");
        return Path.of(target.stdout().lines().filter(l -> l.startsWith("after=")).skip(done).findFirst().orElseThrow()
                .substring("after=".length()));
    }

    private static Map<String, Object> listed(Forked target) {
        return Json.row(Json.array(CliRun.of("record", "--list", "--format", "json").json(), "jvms"), "pid", target.pid());
    }

    private static long count(List<RecordedEvent> events, String type, String path) {
        return events.stream().filter(e -> e.getEventType().getName().equals(type) && path.equals(e.getString("path"))).count();
    }

    private static String agentVersion(String jar) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            return file.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        }
    }

    private static void assertRefused(CliRun run, String sentence) {
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals("mapwatch: " + sentence, run.err().strip());
        assertEquals("", run.out());
    }
}
