package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code record=} on JFR's conventions, in a forked JVM with the real agent jar: the limits and
 * their defaults, {@code %p} and {@code %t}, a path with a comma, the recording found by name with
 * the real {@code jcmd}, and a rotating recording that is whole after SIGTERM.
 */
class RecordForProductionIT {
    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final Path JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    private static final int MAPS_PER_ROUND = 5;

    /**
     * A recording whose limit drops its older chunks: round 1 of maps, {@code jcmd JFR.dump} by the
     * recording's name (which also ends the chunk that holds round 1), round 2, SIGTERM. The file
     * written at exit is where {@code %p} and {@code %t} say, reads whole, has round 2 and the
     * agent's last status after the signal, and no longer has round 1: the limit rotated it out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"maxsize=1k", "maxage=2s"})
    void aRotatingRecordingIsWholeAfterSigtermWhereItsNameSays(String limit, @TempDir Path dir) throws Exception {
        Path trigger = dir.resolve("trigger");
        LocalDateTime started = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        ForkedJvm.Running app = ForkedJvm.workload("MapOnSignal", "--dir", dir.resolve("data").toString(),
                        "--trigger", trigger.toString(), "--stop", dir.resolve("stop").toString(),
                        "--maps", Integer.toString(MAPS_PER_ROUND))
                .agent("record=" + dir.resolve("run-%p-%t.jfr") + "," + limit)
                .start();
        app.awaitStdout("pid=", BOUND);
        mapRound(app, trigger, 1);

        Path dump = dir.resolve("dump.jfr");
        String said = jcmd(app.pid(), "JFR.dump", "name=mapwatch", "filename=" + dump);
        assertTrue(said.contains("Dumped recording \"mapwatch\""), said);
        assertEquals(MAPS_PER_ROUND, roundMaps(RecordingFile.readAllEvents(dump), 1), "the dump holds round 1");
        Instant dumped = Instant.now();
        if (limit.startsWith("maxage")) {
            Waits.until(BOUND, () -> Instant.now().isAfter(dumped.plusSeconds(3)), "round 1 to be older than maxage");
        }
        mapRound(app, trigger, 2);

        Instant sigterm = Instant.now();
        app.process.destroy();
        ForkedJvm.Result run = app.await(BOUND);
        LocalDateTime ended = LocalDateTime.now();
        assertEquals(143, run.exitCode, "ended by SIGTERM\n" + run);

        Path recording = onlyRecording(dir);
        Matcher name = Pattern.compile("run-(\\d+)-(\\d{4}_\\d\\d_\\d\\d_\\d\\d_\\d\\d_\\d\\d)\\.jfr")
                .matcher(recording.getFileName().toString());
        assertTrue(name.matches(), "%p and %t expanded: " + recording);
        assertEquals(app.pid(), Long.parseLong(name.group(1)));
        LocalDateTime time = LocalDateTime.parse(name.group(2), DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss"));
        assertFalse(time.isBefore(started) || time.isAfter(ended), time + " between " + started + " and " + ended);

        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        assertEquals(MAPS_PER_ROUND, roundMaps(events, 2), "the last chunk, with the maps just before the signal");
        assertEquals(0, roundMaps(events, 1), limit + " rotated out the chunk of round 1");
        Instant lastStatus = events.stream().filter(e -> e.getEventType().getName().equals("mapwatch.AgentStatus"))
                .map(RecordedEvent::getStartTime).max(Instant::compareTo).orElseThrow();
        assertFalse(lastStatus.isBefore(sigterm.truncatedTo(ChronoUnit.MILLIS)),
                "events up to the end: the agent's status at the last chunk's end, " + lastStatus + ", after SIGTERM at "
                        + sigterm);
    }

    @Test
    void aPathWithACommaIsGivenWithABackslashOnTheCommandLineAndInJavaToolOptions(@TempDir Path dir) throws Exception {
        Path onCommandLine = dir.resolve("run,1.jfr");
        ForkedJvm.Result run = mapOnce(ForkedJvm.workload("MapScenario", "--dir", dir.toString())
                .agent("record=" + dir.resolve("run\\,1.jfr") + ",log=warn"));
        assertEquals(List.of(), agentLines(run), "no problem with the options");
        assertEquals(1, Recordings.events(onCommandLine, "mapwatch.Map").size());

        Path inEnvironment = dir.resolve("run,2.jfr");
        ForkedJvm environment = ForkedJvm.workload("MapScenario", "--dir", dir.toString())
                .env("JAVA_TOOL_OPTIONS", "-javaagent:" + ForkedJvm.AGENT_JAR.toAbsolutePath() + "=record="
                        + dir.resolve("run\\,2.jfr") + ",log=warn");
        run = mapOnce(environment);
        assertEquals(List.of(), agentLines(run), "no problem with the options");
        assertEquals(1, Recordings.events(inEnvironment, "mapwatch.Map").size());
    }

    @Test
    void theLimitsAreJfrsAndABadOneCostsOneLineAndKeepsJfrsDefault(@TempDir Path dir) throws Exception {
        Path byDefault = dir.resolve("default.jfr");
        ForkedJvm.Result run = mapOnce(ForkedJvm.workload("MapScenario", "--dir", dir.toString())
                .agent("record=" + byDefault + ",maxage=soon,maxsize=-5m"));
        List<String> lines = agentLines(run);
        assertEquals(2, lines.size(), run.stderr);
        assertTrue(lines.get(0).startsWith("[mapwatch] bad value 'soon' for maxage: ") && lines.get(0).endsWith(
                "keeping JFR's default (maxsize=250MiB unless the other limit is given)"), lines.get(0));
        assertTrue(lines.get(1).startsWith("[mapwatch] bad value '-5m' for maxsize: "), lines.get(1));
        RecordedEvent defaults = activeRecording(byDefault);
        assertEquals(250L << 20, defaults.getLong("maxSize"), "JFR.start's default: maxsize=250MB");

        Path byAge = dir.resolve("by-age.jfr");
        run = mapOnce(ForkedJvm.workload("MapScenario", "--dir", dir.toString())
                .agent("record=" + byAge + ",maxage=90m"));
        assertEquals(List.of(), agentLines(run));
        RecordedEvent aged = activeRecording(byAge);
        assertEquals(Duration.ofMinutes(90), aged.getDuration("maxAge"));
        assertEquals(0, aged.getLong("maxSize"), "one limit given: the other is none, as in JFR.start");
    }

    private static void mapRound(ForkedJvm.Running app, Path trigger, int round) throws Exception {
        Files.writeString(trigger, "go");
        app.awaitStdout("round=" + round + " ", BOUND);
    }

    /** Map events of the files of round {@code round} of MapOnSignal. */
    private static long roundMaps(List<RecordedEvent> events, int round) {
        return events.stream()
                .filter(e -> e.getEventType().getName().equals("mapwatch.Map"))
                .filter(e -> Path.of(e.getString("path")).getFileName().toString().startsWith("round-" + round + "-"))
                .count();
    }

    private static Path onlyRecording(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> recordings = files.filter(p -> p.getFileName().toString().startsWith("run-"))
                    .collect(Collectors.toList());
            assertEquals(1, recordings.size(), "one recording written: " + recordings);
            return recordings.get(0);
        }
    }

    private static ForkedJvm.Result mapOnce(ForkedJvm jvm) throws Exception {
        return jvm.run().assertSucceeded();
    }

    private static List<String> agentLines(ForkedJvm.Result run) {
        return run.stderr.lines().filter(l -> l.startsWith("[mapwatch]")).collect(Collectors.toList());
    }

    private static RecordedEvent activeRecording(Path recording) throws IOException {
        List<RecordedEvent> mine = Recordings.events(recording, "jdk.ActiveRecording").stream()
                .filter(e -> "mapwatch".equals(e.getString("name")))
                .collect(Collectors.toList());
        assertFalse(mine.isEmpty(), "JFR describes the recording named mapwatch in " + recording);
        RecordedEvent last = mine.get(mine.size() - 1);
        assertEquals(recording.toString(), last.getString("destination"), "written where record= said");
        return last;
    }

    /** Runs the JDK's own {@code jcmd} against {@code pid}; fails unless it succeeds. */
    private static String jcmd(long pid, String... command) throws Exception {
        List<String> args = Stream.concat(Stream.of(JCMD.toString(), Long.toString(pid)), Stream.of(command))
                .collect(Collectors.toList());
        Process jcmd = new ProcessBuilder(args).redirectErrorStream(true).start();
        if (!jcmd.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
            throw new AssertionError("jcmd did not finish in " + BOUND);
        }
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jcmd.exitValue(), String.join(" ", args) + ":\n" + output);
        return output;
    }
}
