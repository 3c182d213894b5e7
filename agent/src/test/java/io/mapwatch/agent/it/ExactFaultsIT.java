package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The exact mode against the kernel: a thread reads only pages of one range of an evicted file,
 * and counts its own major faults ({@code /proc/thread-self/stat}); the agent's
 * {@code mapwatch.FaultRange} events must put nearly all of them on that file, that thread and
 * that range. On JDK 22+ (the FFM API); on JDK 17 the agent keeps its counters and says why there
 * is no exact mode.
 */
class ExactFaultsIT {
    private static final long MIB = 1L << 20;
    private static final long FROM = 128 * MIB;
    private static final long TO = 256 * MIB;
    private static final String READER = "range-reader";
    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final String UNPRIVILEGED = "65534";
    /** A user of its own for the refusal: the kernel's locked-memory allowance for perf is per user. */
    private static final String ALLOWANCE_USER = "65533";

    @TempDir
    static Path shared;
    private static Path file;

    @BeforeAll
    static void createFile() throws Exception {
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        file = shared.resolve("cold.dat");
        ForkedJvm.workload("RandomReads", "--file", file.toString(), "--size", "512m", "--reads", "1")
                .run().assertSucceeded();
    }

    @Test
    void aThreadsMajorFaultsAreTiedToItsFileAndOffsets(@TempDir Path dir) throws Exception {
        assumeExactMode();
        Path recording = dir.resolve("exact.jfr");
        Eviction.evict(file);
        ForkedJvm.Result run;
        try (ReadAhead lowered = ReadAhead.lowered(file, 16)) {
            run = rangeReader().agent("record=" + recording).run().assertSucceeded();
        }
        Attribution.of(run, recording).report("-javaagent").assertExact(true);
        assertEquals("OK", Recordings.lastSourceStates(recording).get("exact").getString("state"));
    }

    @Test
    void anUnprivilegedUserGetsTheSameAtParanoid2(@TempDir Path dir) throws Exception {
        assumeExactMode();
        assumeRoot("running the JVM as another user");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path recording = dir.resolve("nobody.jfr");
        Eviction.evict(file);
        ForkedJvm.Result run;
        try (ReadAhead lowered = ReadAhead.lowered(file, 16)) {
            run = rangeReader().agent("record=" + recording).shellPrefix("umask 022").asUser(UNPRIVILEGED).run()
                    .assertSucceeded();
        }
        assertEquals(Integer.parseInt(UNPRIVILEGED), Files.getAttribute(recording, "unix:uid"), "the JVM ran as " + UNPRIVILEGED);
        Attribution.of(run, recording).report("as user " + UNPRIVILEGED).assertExact(true);
        assertEquals("OK", Recordings.lastSourceStates(recording).get("exact").getString("state"));
    }

    @Test
    void aDynamicallyAttachedAgentCoversTheThreadsThatExistAndSaysHowMany(@TempDir Path dir) throws Exception {
        assumeExactMode();
        Path recording = dir.resolve("attached.jfr");
        Path start = dir.resolve("start");
        Path ready = dir.resolve("ready");
        Eviction.evict(file);
        ForkedJvm.Result run;
        Set<Integer> existing;
        try (ReadAhead lowered = ReadAhead.lowered(file, 16)) {
            ForkedJvm.Running app = rangeReader("--start-file", start.toString(), "--hold", "120",
                    "--ready-file", ready.toString()).start();
            app.awaitStdout("reader_tid=", BOUND);
            existing = threads(app.pid());
            app.attachAgent("record=" + recording);
            existing.retainAll(threads(app.pid())); // alive before and after the attach: the agent saw them all
            Files.writeString(start, "go");
            Waits.until(BOUND, () -> Files.exists(ready) || !app.process.isAlive(), "the reader to finish");
            Files.deleteIfExists(ready);
            run = app.await(BOUND).assertSucceeded();
        }
        // mapped before the attach: the agent knows the mapping from /proc/self/maps only (untracked)
        Attribution.of(run, recording).report("attached").assertExact(false);
        RecordedEvent status = last(Recordings.events(recording, "mapwatch.AgentStatus"));
        System.out.printf("attach: %d threads covered, %d not; %d threads alive before and after the attach%n",
                status.getLong("exactThreadsCovered"), status.getLong("exactThreadsUncovered"), existing.size());
        assertEquals(0, status.getLong("exactThreadsUncovered"), "every thread that existed got its events");
        assertTrue(status.getLong("exactThreadsCovered") >= existing.size(),
                "covered " + status.getLong("exactThreadsCovered") + " of the " + existing.size() + " threads alive throughout");
        assertTrue(existing.contains(Integer.parseInt(run.value("reader_tid"))), "the reader existed before the attach");
    }

    /**
     * A real refusal: the user's locked-memory allowance for perf buffers (perf_event_mlock_kb per
     * CPU) is taken by a {@code perf record} of the same user, and the JVM runs with
     * {@code ulimit -l 0}. The exact mode says why it does not run, nothing is printed, and the
     * fault counters count as before.
     */
    @Test
    void refusedByTheLockedMemoryAllowanceItNamesTheReasonAndTheCountersStay(@TempDir Path dir) throws Exception {
        assumeExactMode();
        assumeRoot("running perf and the JVM as another user");
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/perf")), "needs perf (Debian: linux-perf) to take the allowance");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path recording = dir.resolve("refused.jfr");
        Eviction.evict(file);
        ForkedJvm.Result run;
        Process holder = new ProcessBuilder("setpriv", "--reuid=" + ALLOWANCE_USER, "--regid=" + ALLOWANCE_USER,
                "--clear-groups", "perf", "record", "-q", "-e", "major-faults", "-o", dir.resolve("holder.data").toString(),
                "--", "sleep", "600").redirectErrorStream(true).redirectOutput(dir.resolve("holder.log").toFile()).start();
        try {
            int cpus = onlineCpus();
            Waits.until(BOUND, () -> perfBuffers(holder.pid()) >= cpus || !holder.isAlive(), "perf to map its buffers");
            assertTrue(holder.isAlive(), "perf record runs: " + Files.readString(dir.resolve("holder.log")));
            // held 2 s: the counters read the reader's own count while it lives
            run = rangeReader("--hold", "2").agent("record=" + recording).shellPrefix("ulimit -l 0").asUser(ALLOWANCE_USER).run();
        } finally {
            holder.destroy(); // perf ends its sleep when it ends
            if (!holder.waitFor(1, TimeUnit.MINUTES)) {
                holder.destroyForcibly();
            }
        }
        assertEquals(0, run.exitCode, run.toString());
        assertEquals(List.of(), notOurs(run.stderr), "nothing printed but the agent's own lines");
        RecordedEvent exact = Recordings.lastSourceStates(recording).get("exact");
        System.out.println("refused: " + exact.getString("reason"));
        assertEquals("UNAVAILABLE", exact.getString("state"));
        assertTrue(exact.getString("reason").contains("perf_event_mlock_kb"), exact.getString("reason"));
        assertEquals(List.of(), Recordings.events(recording, "mapwatch.FaultRange"));
        RecordedEvent status = last(Recordings.events(recording, "mapwatch.AgentStatus"));
        assertEquals(-1, status.getLong("exactThreadsCovered"), "not measured: the exact mode does not run");
        long reader = Long.parseLong(run.value("reader_tid"));
        long counted = Recordings.events(recording, "mapwatch.ThreadPageFaults").stream()
                .filter(e -> e.getLong("osThreadId") == reader).mapToLong(e -> e.getLong("majorFaults")).sum();
        assertEquals(Long.parseLong(run.value("reader_major_faults")), counted, 2,
                "the fault counters count the reader's major faults as before");
    }

    @Test
    void theJvmPrintsNoWarningForTheAgentAndStillWarnsForTheApplication(@TempDir Path dir) throws Exception {
        assumeExactMode();
        Path recording = dir.resolve("warnings.jfr");
        ForkedJvm.Result quiet = rangeReader("--hold", "1").agent("record=" + recording + ",residency=200ms,log=info").run()
                .assertSucceeded();
        assertEquals(List.of(), notOurs(quiet.stderr), "nothing on stderr but the agent's own lines");
        Map<String, RecordedEvent> sources = Recordings.lastSourceStates(recording);
        assertEquals("OK", sources.get("exact").getString("state"), "the FFM module ran: " + sources.get("exact"));
        assertEquals("OK", sources.get("cachestat").getString("state"), "and cachestat through it: " + sources.get("cachestat"));

        ForkedJvm.Result restricted = rangeReader("--restricted-call").agent("").run().assertSucceeded();
        List<String> warnings = notOurs(restricted.stderr);
        assertTrue(warnings.stream().anyMatch(l -> l.contains("A restricted method in java.lang.System has been called")),
                "the application's own restricted call still warns: " + warnings);
        assertTrue(warnings.stream().noneMatch(l -> l.contains("io.mapwatch.agent") || l.contains("mapwatch-agent.jar")),
                "no warning names the agent: " + warnings);
    }

    @Test
    void onJdk17TheCountersStayAndTheReasonIsNamed(@TempDir Path dir) throws Exception {
        assumeTrue(Runtime.version().feature() < 22, "JDK 22+ has the exact mode");
        Path recording = dir.resolve("jdk17.jfr");
        Eviction.evict(file);
        ForkedJvm.Result run = rangeReader("--hold", "1").agent("record=" + recording + ",residency=200ms").run().assertSucceeded();
        assertEquals(List.of(), notOurs(run.stderr));
        Map<String, RecordedEvent> sources = Recordings.lastSourceStates(recording);
        for (String source : new String[]{"exact", "cachestat"}) {
            assertEquals("UNAVAILABLE", sources.get(source).getString("state"), source);
            assertTrue(sources.get(source).getString("reason").contains("needs JDK 22 or newer"), sources.get(source).toString());
        }
        assertEquals(List.of(), Recordings.events(recording, "mapwatch.FaultRange"));
        assertFalse(Recordings.events(recording, "mapwatch.PageFaults").isEmpty(), "the fault counters run");
        List<RecordedEvent> residency = Recordings.events(recording, "mapwatch.MappingResidency");
        assertFalse(residency.isEmpty(), "residency passes ran");
        for (RecordedEvent e : residency) {
            assertEquals(-1, e.getLong("dirty"), "cachestat figures are not measured");
            assertTrue(e.getLong("pageCacheBytes") >= 0, "mincore still measures the page cache");
        }
    }

    /** What the recording tied to the reader thread, against what the thread counted itself. */
    private static final class Attribution {
        final long kernelCount;
        final long attributed;
        final List<RecordedEvent> ranges;

        private Attribution(long kernelCount, long attributed, List<RecordedEvent> ranges) {
            this.kernelCount = kernelCount;
            this.attributed = attributed;
            this.ranges = ranges;
        }

        static Attribution of(ForkedJvm.Result run, Path recording) throws IOException {
            long tid = Long.parseLong(run.value("reader_tid"));
            List<RecordedEvent> ranges = Recordings.events(recording, "mapwatch.FaultRange").stream()
                    .filter(e -> e.getLong("osThreadId") == tid && file.toString().equals(e.getString("path")))
                    .collect(Collectors.toList());
            long attributed = ranges.stream().mapToLong(e -> e.getLong("majorFaults")).sum();
            return new Attribution(Long.parseLong(run.value("reader_major_faults")), attributed, ranges);
        }

        Attribution report(String how) {
            long first = ranges.stream().mapToLong(e -> e.getLong("offset")).min().orElse(-1);
            long end = ranges.stream().mapToLong(e -> e.getLong("offset") + e.getLong("length")).max().orElse(-1);
            System.out.printf("exact faults (%s): %d of the reader's %d major faults (%.1f%%) on %s, in %d events, offsets %d-%d MiB"
                            + " in ranges of %d MiB; read [%d, %d) MiB%n", how, attributed, kernelCount,
                    100.0 * attributed / kernelCount, file.getFileName(), ranges.size(), first / MIB, end / MIB,
                    ranges.isEmpty() ? 0 : ranges.get(0).getLong("length") / MIB, FROM / MIB, TO / MIB);
            return this;
        }

        /** @param tracked whether the agent saw the mapping being made */
        void assertExact(boolean tracked) {
            assertTrue(kernelCount >= 20, "the cold reads faulted: " + kernelCount);
            assertTrue(attributed >= 0.95 * kernelCount, attributed + " of " + kernelCount + " major faults attributed");
            assertTrue(attributed <= kernelCount, "never more than the kernel counted: " + attributed + " of " + kernelCount);
            for (RecordedEvent range : ranges) {
                long offset = range.getLong("offset");
                long length = range.getLong("length");
                assertTrue(offset >= FROM - length && offset + length <= TO + length,
                        "range [" + offset + ", " + (offset + length) + ") within a range of [" + FROM + ", " + TO + ")");
                assertEquals(READER, range.getString("threadName"));
                assertEquals(tracked, range.getBoolean("tracked"), "tracked: the agent saw the mapping made");
                assertTrue(range.getLong("stallTime") >= 0, "stall time measured (the stall watcher runs)");
            }
        }
    }

    private static ForkedJvm rangeReader(String... more) {
        List<String> args = new ArrayList<>(List.of("--file", file.toString(), "--from", "128m", "--to", "256m",
                "--reads", "3000", "--thread", READER));
        args.addAll(List.of(more));
        return ForkedJvm.workload("RangeReader", args.toArray(new String[0]));
    }

    private static void assumeExactMode() throws IOException {
        assumeTrue(Runtime.version().feature() >= 22, "the exact mode needs JDK 22+ (the FFM API); this is "
                + Runtime.version().feature());
        int paranoid;
        try (InputStream in = Files.newInputStream(Paths.get("/proc/sys/kernel/perf_event_paranoid"))) {
            paranoid = Integer.parseInt(new String(in.readNBytes(16), StandardCharsets.US_ASCII).trim()); // a sysctl: one read
        }
        assumeTrue(paranoid <= 2 || "root".equals(System.getProperty("user.name")),
                "kernel.perf_event_paranoid is " + paranoid + ": only privileged processes may use perf events");
    }

    private static void assumeRoot(String why) {
        assumeTrue("root".equals(System.getProperty("user.name")), why + " needs root");
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/setpriv")), "needs setpriv from util-linux");
    }

    private static List<String> notOurs(String stderr) {
        return stderr.lines().filter(l -> !l.startsWith("[mapwatch]") && !l.isBlank()).collect(Collectors.toList());
    }

    private static RecordedEvent last(List<RecordedEvent> events) {
        assertFalse(events.isEmpty(), "no events");
        return events.get(events.size() - 1);
    }

    private static Set<Integer> threads(long pid) {
        Set<Integer> tids = new HashSet<>();
        String[] names = new File("/proc/" + pid + "/task").list();
        for (String name : names == null ? new String[0] : names) {
            tids.add(Integer.parseInt(name));
        }
        return tids;
    }

    private static int onlineCpus() throws IOException {
        int count = 0;
        for (String part : Files.readString(Paths.get("/sys/devices/system/cpu/online")).trim().split(",")) {
            String[] bounds = part.split("-");
            count += bounds.length == 1 ? 1 : Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1;
        }
        return count;
    }

    /** The perf ring buffers a process has mapped. */
    private static long perfBuffers(long pid) {
        try {
            return Files.readAllLines(Paths.get("/proc/" + pid + "/maps")).stream().filter(l -> l.contains("perf_event")).count();
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }
}
