package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Forked;
import io.mapwatch.cli.Jcmd;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.kernel.procfs.Maps;
import io.mapwatch.kernel.procfs.Smaps;
import io.mapwatch.kernel.procfs.SmapsEntry;
import io.mapwatch.kernel.procfs.TaskStat;
import io.mapwatch.testapps.DemoWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * top on a forked {@link DemoWorkload}, by the CLI jar in a JVM of its own as ./mapwatch runs it: its
 * figures against what the kernel says of the same process at the moment each interval is printed,
 * what it leaves behind, how it ends, how it refuses.
 */
class TopIT {
    private static final long INDEX_SIZE = 32 << 20;
    private static final int INTERVALS = 3;

    @TempDir
    Path dir;

    @Test
    void jsonShowsWhatTheKernelCountsForTheSameProcessAtTheSameTime() throws Exception {
        Path cliTemp = Files.createDirectories(dir.resolve("cli-tmp"));
        try (Forked target = startWorkload(List.of())) {
            Path index = dir.toRealPath().resolve("data/index.dat");
            target.await(() -> rss(target.pid(), index) == INDEX_SIZE, "the index to be resident");
            List<KernelView> kernel = new ArrayList<>();
            List<TimedFaults> faults = new ArrayList<>();
            String output;
            try (Forked cli = Forked.start(dir, "top", Map.of("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + cliTemp),
                    Workload.cliCommand("top", Long.toString(target.pid()), "--format", "json", "--count",
                            Integer.toString(INTERVALS), "--agent", Workload.agentJar().toString()))) {
                // The kernel's fault counters all along, and its other figures whenever a line appears.
                cli.await(() -> {
                    faults.add(new TimedFaults(Instant.now(), taskMajorFaults(target.pid())));
                    long lines = cli.stdout().lines().count();
                    while (kernel.size() < lines) {
                        kernel.add(KernelView.of(target.pid(), index));
                    }
                    return lines == INTERVALS || !cli.process.isAlive();
                }, INTERVALS + " lines");
                assertEquals(ExitCode.OK, cli.awaitExit(), cli.toString());
                output = cli.stdout();
            }
            List<Object> lines = Json.lines(output);
            assertEquals(INTERVALS, lines.size());

            long topFaults = 0;
            long coldReaderFaults = 0;
            long stallsMeasured = 0;
            long pressureMeasured = 0;
            long coldExactFaults = 0;
            boolean exactFaults = false;
            for (int i = 0; i < INTERVALS; i++) {
                Map<String, Object> sample = Json.object(lines.get(i), "sample");
                KernelView now = kernel.get(i);
                assertEquals(target.pid(), Json.number(sample, "pid"));
                assertEquals(maxMapCount(), Json.number(sample, "maxMapCount"), "vm.max_map_count as the kernel says it");
                assertTrue(Math.abs(Json.number(sample, "mapCount") - now.mapCount()) <= 20 + now.mapCount() / 20,
                        "mappings " + sample.get("mapCount") + " against " + now.mapCount() + " lines of /proc/PID/maps");
                Map<String, Object> indexRow = Json.row(Json.array(lines.get(i), "files"), "path", index.toString());
                assertEquals(INDEX_SIZE, Json.number(indexRow, "sizeBytes"));
                assertEquals(1, Json.number(indexRow, "mappings"));
                assertTrue(Math.abs(Json.number(indexRow, "rssBytes") - now.indexRss()) <= 1 << 20,
                        "index resident " + indexRow.get("rssBytes") + " against smaps " + now.indexRss());
                topFaults += Json.number(sample, "majorFaults");
                coldReaderFaults += Json.array(lines.get(i), "threads").stream()
                        .filter(t -> "cold-reader".equals(t.get("thread"))).mapToLong(t -> Json.number(t, "majorFaults")).sum();
                stallsMeasured += sample.get("stallMillis") != null ? 1 : 0;
                pressureMeasured += Json.object(lines.get(i), "pressure").get("cgroupUsageBytes") != null ? 1 : 0;
                // The cold reader unmaps its file between rounds: a view may find it unmapped.
                String cold = dir.toRealPath().resolve("data/cold.dat").toString();
                for (Map<String, Object> file : Json.array(lines.get(i), "files")) {
                    if (file.get("majorFaults") != null) {
                        exactFaults = true;
                        coldExactFaults += cold.equals(file.get("path")) ? Json.number(file, "majorFaults") : 0;
                    }
                }
            }
            // The kernel's count over the same time: from the start of the first interval to the end of the last.
            Map<String, Object> first = Json.object(lines.get(0), "sample");
            Instant start = Instant.parse((String) first.get("time"))
                    .minusNanos((long) (((Number) first.get("intervalSeconds")).doubleValue() * 1e9));
            Instant end = Instant.parse((String) Json.object(lines.get(INTERVALS - 1), "sample").get("time"));
            long kernelFaults = TimedFaults.at(faults, end) - TimedFaults.at(faults, start);
            assertTrue(kernelFaults > 0 && topFaults > 0, "the cold reader faults: top " + topFaults + ", kernel "
                    + kernelFaults);
            assertTrue(Math.abs(topFaults - kernelFaults) <= 200 + kernelFaults / 2, "major faults from " + start + " to "
                    + end + ": top " + topFaults + ", /proc/PID/task/*/stat " + kernelFaults);
            // A thread's counters and the process's are read a moment apart.
            assertTrue(coldReaderFaults > 0 && coldReaderFaults <= topFaults + 100, "the cold reader's own: "
                    + coldReaderFaults + " of " + topFaults);
            assertTrue(stallsMeasured > 0, "the agent's stall sampler reached top: " + lines);
            assertTrue(pressureMeasured > 0, "the agent's memory pressure reached top: " + lines);
            assertTrue(!exactFaults || coldExactFaults > 0, "exact faults, where they run, name the cold file: " + lines);

            assertNotNull(Json.row(Json.array(CliRun.of("record", "--list", "--format", "json").json(), "jvms"), "pid",
                    target.pid()).get("agentVersion"), "top loaded the agent, which stays");
            String recordings = Jcmd.run(target.pid(), "JFR.check");
            assertTrue(recordings.contains("No available recordings"), "top's recording is gone: " + recordings);
            try (Stream<Path> left = Files.list(cliTemp)) {
                assertEquals(List.of(), left.toList(), "the stream's local copy is gone");
            }
        }
    }

    @Test
    void textWithoutATerminalHasNoEscapesAndTheJvmsEndEndsIt() throws Exception {
        try (Forked target = startWorkload(List.of("-javaagent:" + Workload.agentJar()))) {
            Path index = dir.toRealPath().resolve("data/index.dat");
            target.await(() -> rss(target.pid(), index) == INDEX_SIZE, "the index to be resident");
            try (Forked cli = Forked.start(dir, "top", Map.of(), Workload.cliCommand("top", Long.toString(target.pid()),
                    "--width", "100", "--agent", Workload.agentJar().toString()))) {
                cli.await(() -> cli.stdout().split("mapwatch top: process ", -1).length > 2, "two views");
                target.end();
                assertEquals(ExitCode.OK, cli.awaitExit(), cli.toString());
                assertEquals("mapwatch: process " + target.pid() + " ended", cli.stderr().strip(), cli.toString());
                String text = cli.stdout();
                assertFalse(text.contains("\033"), "no escape codes without a terminal");
                assertTrue(text.lines().allMatch(l -> l.length() <= 100), "fitted to --width:\n" + text);
                assertTrue(text.lines().anyMatch(l -> l.matches(".*index\\.dat\\s+1\\s+32\\.0 MiB\\s+32\\.0 MiB\\s.*")),
                        "the index, wholly resident:\n" + text);
            }
            assertFalse(target.stderr().contains("agent already loaded"), "the agent was not loaded again: " + target.stderr());
        }
    }

    @Test
    void onATerminalItRedrawsAndGivesTheScreenBack() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "needs script(1) for a terminal");
        try (Forked target = startWorkload(List.of())) {
            String command = String.join(" ", Workload.cliCommand("top", Long.toString(target.pid()), "--count", "2",
                    "--agent", Workload.agentJar().toString()));
            try (Forked cli = Forked.start(dir, "script", Map.of("TERM", "xterm"),
                    List.of(script.toString(), "-qec", command, "/dev/null"))) {
                assertEquals(ExitCode.OK, cli.awaitExit(), cli.toString());
                String screen = cli.stdout();
                assertTrue(screen.contains("\033[?1049h") && screen.strip().endsWith("\033[?1049l"),
                        "the alternate screen, left at the end: " + screen);
                assertEquals(2, screen.split("\033\\[Hmapwatch top: process ", -1).length - 1, "two frames drawn in place");
            }
        }
    }

    @Test
    void aProcessThatIsNotAJvmIsOneSentence() throws Exception {
        Process sleep = new ProcessBuilder("sleep", "600").start();
        try {
            CliRun run = CliRun.of("top", Long.toString(sleep.pid()), "--count", "1");
            assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
            assertEquals("mapwatch: process " + sleep.pid() + " (sleep) is not a Java virtual machine\n", run.err());
            assertEquals("", run.out());
            assertTrue(sleep.isAlive(), "no SIGQUIT reached it");
        } finally {
            sleep.destroyForcibly().waitFor();
        }
        CliRun none = CliRun.of("top", "999999999");
        assertEquals(ExitCode.BAD_INPUT, none.exitCode(), none.toString());
        assertEquals("mapwatch: no process with id 999999999\n", none.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        for (String[] args : List.of(new String[]{"top", "1", "--count", "0"}, new String[]{"top", "1", "--interval", "0s"},
                new String[]{"top", "1", "--width", "10"}, new String[]{"top", "1", "--format", "csv"})) {
            CliRun run = CliRun.of(args);
            assertEquals(ExitCode.USAGE, run.exitCode(), String.join(" ", args) + "\n" + run);
        }
    }

    private Forked startWorkload(List<String> jvmOptions) throws IOException {
        return Forked.start(dir, "target", Map.of(), Workload.java(jvmOptions, DemoWorkload.class, "--dir",
                dir.resolve("data").toString(), "--index-size", "32m", "--cold-size", "64m", "--seconds", "600"));
    }

    /** The threads' major faults at one moment. */
    private record TimedFaults(Instant time, long majorFaults) {
        /** The last count read at or before {@code time}. */
        static long at(List<TimedFaults> faults, Instant time) {
            return faults.stream().filter(f -> !f.time().isAfter(time)).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no count before " + time)).majorFaults();
        }
    }

    /** What the kernel said of the process at one moment. */
    private record KernelView(long majorFaults, long mapCount, long indexRss) {
        static KernelView of(long pid, Path index) {
            return new KernelView(taskMajorFaults(pid), mapsLines(pid), rss(pid, index));
        }
    }

    /** The major faults of the process's threads: the sum over /proc/PID/task/{@literal *}/stat. */
    private static long taskMajorFaults(long pid) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    sum += TaskStat.parse(new String(Files.readAllBytes(task.resolve("stat")), StandardCharsets.US_ASCII))
                            .majorFaults();
                } catch (IOException threadEnded) {
                    // not counted then, nor by top
                }
            }
        } catch (IOException e) {
            throw new AssertionError("the workload ended", e);
        }
        return sum;
    }

    private static long mapsLines(long pid) {
        try {
            return Maps.count(Path.of("/proc", Long.toString(pid), "maps"));
        } catch (IOException e) {
            throw new AssertionError("the workload ended", e);
        }
    }

    /** The Rss of the mappings of {@code file} in /proc/PID/smaps. */
    private static long rss(long pid, Path file) {
        try {
            return Smaps.read(Path.of("/proc", Long.toString(pid), "smaps")).stream()
                    .filter(e -> file.toString().equals(e.mapping().path()))
                    .mapToLong(SmapsEntry::rss).sum();
        } catch (IOException e) {
            throw new AssertionError("the workload ended", e);
        }
    }

    private static long maxMapCount() throws IOException {
        try (var in = Files.newInputStream(Path.of("/proc/sys/vm/max_map_count"))) {
            return Long.parseLong(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }
}
