package io.mapwatch.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code io.mapwatch:type=MappedMemory} read over a JMX connection, as JConsole reads it, agrees
 * with what /proc shows for the same process at the same quiescent moment.
 */
class JmxIT {
    /**
     * How far MapCount may be from the lines of /proc/PID/maps read around it. The agent's figure
     * is from its last pass (every 200 ms here); since then the JVM may have added or split a few
     * mappings on its own: a thread starting (stack and guard page, 2 lines), a malloc arena
     * (2 lines), the heap or code cache committing memory (1 split). The comparison waits for /proc
     * to hold still for a second first, so this only covers a change right at the edge.
     */
    static final int MAP_COUNT_TOLERANCE = 4;
    /**
     * How much the difference between /proc's fault totals and the agent's may move between two
     * quiescent readings: the faults the process makes between the agent's last pass and the
     * test's read of /proc/PID/stat (a sleeping JVM answering JMX calls makes tens).
     */
    private static final long FAULT_OFFSET_TOLERANCE = 200;
    private static final Duration QUIET_FOR = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofMinutes(2);

    @Test
    void figuresAgreeWithProcOfTheSameProcess(@TempDir Path dir) throws Exception {
        Path data = MapRounds.data(dir);
        long size = 16L << 20;
        int maps = 3;
        ForkedJvm.Running app = MapRounds.workload(dir, "--maps", Integer.toString(maps), "--size", "16m", "--load", "--keep")
                .agent("sample=200ms,residency=500ms")
                .start();
        Reading before;
        Reading after;
        try {
            app.awaitStdout("pid=", BOUND);
            try (JmxOfProcess jmx = JmxOfProcess.connect(app.pid())) {
                Waits.until(BOUND, jmx::registered, "the agent registers its MXBean once the management agent created "
                        + "the platform MBean server");
                before = quiescentReading(app.pid(), jmx, data, r -> r.jmx("TrackedMappings") == 0
                        && r.mapCountAgrees() && r.jmx("ResidentBytes") == 0);

                MapRounds.round(dir); // maps, loads and keeps three 16 MiB files
                after = quiescentReading(app.pid(), jmx, data, r -> r.jmx("TrackedMappings") == maps
                        && r.mapCountAgrees() && r.residentAgrees()
                        && Math.abs(r.minorOffset() - before.minorOffset()) <= FAULT_OFFSET_TOLERANCE);
            }
        } finally {
            MapRounds.stop(dir);
        }
        app.await(BOUND).assertSucceeded();

        System.out.printf("jmx vs /proc: before %s%njmx vs /proc: after %s%n", before, after);
        for (Reading r : List.of(before, after)) {
            assertTrue(Math.abs(r.jmx("MapCount") - r.maps.size()) <= MAP_COUNT_TOLERANCE, "MapCount vs maps lines: " + r);
            assertEquals(ProcOfProcess.maxMapCount(), r.jmx("MaxMapCount"), "MaxMapCount is vm.max_map_count");
            assertTrue(Math.abs(r.jmx("UntrackedMappings") - r.untrackedFileLines()) <= MAP_COUNT_TOLERANCE,
                    "UntrackedMappings vs file lines of maps other than the workload's: " + r);
            assertTrue(r.jmx("UntrackedBytes") > 0, "the JVM's own files (lib/modules, jars) are untracked: " + r);
            assertTrue(r.jmx("MinorFaults") > 0 && r.jmx("MinorFaults") <= r.faults.minor,
                    "the agent counts the process's minor faults since it started, never more than /proc: " + r);
            assertTrue(r.jmx("MajorFaults") >= 0 && r.jmx("MajorFaults") <= r.faults.major, "major faults: " + r);
            assertTrue(r.jmx("StallMillis") >= 0, "stalls sampled (stalls=20ms by default): " + r);
            assertEquals(0, r.jmx("Hazards"), "no hazard");
        }
        assertEquals(0, before.jmx("TrackedBytes"));
        assertEquals(maps, after.jmx("TrackedMappings"));
        assertEquals(maps * size, after.jmx("TrackedBytes"), "the sizes the workload mapped");
        assertEquals(after.rss, after.jmx("ResidentBytes"), after.rss * 0.02, "resident within 2% of smaps Rss: " + after);
        assertEquals(maps * size, after.rss, "load() made all of it resident");
        assertTrue(after.jmx("PageCacheBytes") >= after.jmx("ResidentBytes")
                && after.jmx("PageCacheBytes") <= maps * size, "what is mapped here is in the page cache: " + after);
        long procMoved = after.faults.minor - before.faults.minor;
        long agentMoved = after.jmx("MinorFaults") - before.jmx("MinorFaults");
        assertTrue(procMoved > 0 && Math.abs(procMoved - agentMoved) <= FAULT_OFFSET_TOLERANCE,
                "the agent's minor faults moved as /proc's did over the loads: /proc " + procMoved + ", agent " + agentMoved);
        assertEquals(after.faults.major - before.faults.major, after.jmx("MajorFaults") - before.jmx("MajorFaults"),
                FAULT_OFFSET_TOLERANCE, "major faults moved alike");
    }

    @Test
    void notMeasuredIsMinusOneAndASecondLoadKeepsTheOneBean(@TempDir Path dir) throws Exception {
        // The JMX agent starts with the JVM: the platform MBean server exists before mapwatch looks for it.
        ForkedJvm.Result run = ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:1000:1m:2m")
                .holding(dir, "300")
                .jvmArg("-Dcom.sun.management.jmxremote")
                .agent("sample=off,residency=off,smaps=off,stalls=off")
                .runHeld(app -> {
                    try (JmxOfProcess jmx = JmxOfProcess.connect(app.pid())) {
                        Waits.until(BOUND, jmx::registered, "the agent registers its MXBean");
                        Map<String, Long> first = jmx.mappedMemory();
                        assertEquals(1, first.get("TrackedMappings"));
                        assertEquals(1000 + (1L << 20), first.get("TrackedBytes"), "mappedSize: size plus position modulo the page size");
                        assertEquals(0, first.get("Hazards"));
                        for (String notMeasured : List.of("ResidentBytes", "PageCacheBytes", "UntrackedMappings", "UntrackedBytes",
                                "MapCount", "MaxMapCount", "MajorFaults", "MinorFaults", "StallMillis")) {
                            assertEquals(-1, first.get(notMeasured), notMeasured + " with every sampler off");
                        }

                        app.attachAgent("log=info");
                        app.awaitStderr("already loaded", BOUND);
                        assertEquals(1, jmx.count("io.mapwatch:*"), "one MXBean");
                        assertEquals(first, jmx.mappedMemory(), "the same figures from the same bean");
                    }
                }).assertSucceeded();
        assertTrue(AgentOptionsIT.mapwatchLines(run.stderr).stream().noneMatch(l -> l.contains("JMX")),
                "no JMX complaint from either load:\n" + run.stderr);
    }

    @Test
    void aNameTakenAlreadyCostsOneLineAndTheApplicationGoesOn(@TempDir Path dir) throws Exception {
        ForkedJvm.Result run = ForkedJvm.workload("TakenJmxName")
                .holding(dir, "300")
                .runHeld(app -> {
                    app.attachAgent(""); // after the application registered its bean and holds: the order is certain
                    app.awaitStderr("[mapwatch] JMX:", BOUND);
                }).assertSucceeded();
        assertEquals("42", run.value("answer"), "the application's bean is untouched");
        List<String> jmxLines = AgentOptionsIT.mapwatchLines(run.stderr).stream().filter(l -> l.contains("JMX")).collect(Collectors.toList());
        assertEquals(1, jmxLines.size(), "one line:\n" + run.stderr);
        assertTrue(jmxLines.get(0).contains("io.mapwatch:type=MappedMemory is registered already"), jmxLines.get(0));
    }

    /**
     * Waits for a moment when /proc/PID/maps has held still for {@link #QUIET_FOR} and the reading
     * taken then satisfies {@code agrees}, and returns that reading: the agent's figures come from
     * its last passes, which may predate the quiet moment on a loaded machine.
     */
    private static Reading quiescentReading(long pid, JmxOfProcess jmx, Path workloadFiles, Predicate<Reading> agrees)
            throws InterruptedException {
        Reading[] last = new Reading[1];
        long[] quietSince = {System.nanoTime(), -1};
        try {
            Waits.until(BOUND, () -> {
                Reading reading = Reading.take(pid, jmx, workloadFiles);
                if (reading == null || reading.maps.size() != quietSince[1]) {
                    quietSince[0] = System.nanoTime();
                    quietSince[1] = reading == null ? -1 : reading.maps.size();
                    return false;
                }
                last[0] = reading;
                return System.nanoTime() - quietSince[0] >= QUIET_FOR.toNanos() && agrees.test(reading);
            }, "a quiet moment when the agent's figures agree with /proc");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last reading: " + last[0], e);
        }
        return last[0];
    }

    /** The agent's figures over JMX and /proc, read together. */
    static final class Reading {
        final Map<String, Long> jmx;
        final List<String> maps;
        final ProcOfProcess.Faults faults;
        final long rss;
        private final long workloadLines;

        private Reading(Map<String, Long> jmx, List<String> maps, ProcOfProcess.Faults faults, long rss, long workloadLines) {
            this.jmx = jmx;
            this.maps = maps;
            this.faults = faults;
            this.rss = rss;
            this.workloadLines = workloadLines;
        }

        /** A reading, or null if the process's mappings changed while it was taken. */
        static Reading take(long pid, JmxOfProcess jmx, Path workloadFiles) {
            try {
                List<String> mapsBefore = ProcOfProcess.maps(pid);
                Map<String, Long> figures = jmx.mappedMemory();
                List<String> maps = ProcOfProcess.maps(pid);
                ProcOfProcess.Faults faults = ProcOfProcess.faults(pid); // after the agent's figures: never fewer
                if (!maps.equals(mapsBefore)) {
                    return null;
                }
                String prefix = workloadFiles.toAbsolutePath() + "/";
                long rss = 0;
                long lines = maps.stream().filter(l -> l.contains(prefix)).count();
                try (var files = Files.list(workloadFiles)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        rss += ProcOfProcess.rssOf(pid, file);
                    }
                }
                return new Reading(figures, maps, faults, rss, lines);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        long jmx(String attribute) {
            return jmx.get(attribute);
        }

        boolean mapCountAgrees() {
            return Math.abs(jmx("MapCount") - maps.size()) <= MAP_COUNT_TOLERANCE;
        }

        boolean residentAgrees() {
            return rss > 0 && Math.abs(jmx("ResidentBytes") - rss) <= rss * 0.02;
        }

        long untrackedFileLines() {
            return ProcOfProcess.fileMappings(maps) - workloadLines;
        }

        /** Faults the process had before the agent counted (plus those since its last pass). */
        long minorOffset() {
            return faults.minor - jmx("MinorFaults");
        }

        @Override
        public String toString() {
            return "jmx " + jmx + "; /proc: maps lines " + maps.size() + ", file lines not the workload's "
                    + untrackedFileLines() + ", faults " + faults + ", Rss of the workload's files " + rss;
        }
    }
}
