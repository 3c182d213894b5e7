package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Jcmd;
import io.mapwatch.cli.JfrRepository;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.testapps.HotRegion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code plan} on the working set the agent measured: a forked {@link HotRegion} maps 512 MiB, reads
 * all of it, then only its first 32 MiB; a recording started after the full pass ({@code jcmd
 * JFR.start}) gives a working set within 15% of 32 MiB, and the page cache needed follows from it,
 * not from the 512 MiB resident.
 */
class WorkingSetPlanIT {
    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final long SIZE = 512L << 20;
    private static final long HOT = 32L << 20;

    @TempDir
    Path dir;
    private Workload.Started target;

    @AfterEach
    void endTarget() throws InterruptedException {
        if (target != null) {
            target.process().destroyForcibly().waitFor();
        }
    }

    @Test
    void planTakesTheWorkingSetMeasuredAfterTheFullPass() throws Exception {
        Path file = dir.resolve("index.dat");
        Path ready = dir.resolve("ready");
        Path repository = dir.resolve("jfr-repository");
        target = Workload.start(Workload.java(List.of("-javaagent:" + Workload.agentJar() + "=workingset=2s",
                        JfrRepository.jvmOption(repository)), HotRegion.class, "--file", file.toString(), "--size", "512m",
                "--hot", "32m", "--hold", "120", "--ready-file", ready.toString()));
        Path recording = dir.resolve("late.jfr");
        try {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!Files.exists(ready)) {
                assertTrue(target.process().isAlive() && System.nanoTime() < deadline, "the workload's full pass");
                Thread.sleep(20);
            }
            Jcmd.run(target.pid(), "JFR.start", "name=late");
            JfrRepository.await(repository, BOUND, target.command(), "mapwatch.WorkingSet " + file);
            Jcmd.run(target.pid(), "JFR.dump", "name=late", "filename=" + recording);
        } finally {
            Files.deleteIfExists(ready);
        }
        Workload.Run ended = target.await();
        assertEquals(0, ended.exitCode(), ended.output());

        CliRun plan = CliRun.of("plan", "--format", "json", recording.toString());
        assertEquals(ExitCode.OK, plan.exitCode(), plan.toString());
        Map<String, Object> row = Json.array(plan.json(), "plan").get(0);
        long workingSet = Json.number(row, "workingSetBytes");
        assertEquals(HOT, workingSet, HOT * 0.15, "the 32 MiB read over and over: " + row);
        assertEquals("measured (referenced pages over 2 s)", row.get("workingSetBasis"), row.toString());
        assertEquals(workingSet, Json.number(row, "pageCacheNeededBytes"), "the cache needed is the working set");
        assertEquals(SIZE, Json.number(row, "peakResidentBytes"), SIZE * 0.02, "all of it stays resident: " + row);

        CliRun text = CliRun.of("plan", recording.toString());
        assertTrue(text.out().lines().anyMatch(line -> line.trim().startsWith("Working set   about ")
                && line.endsWith(": measured (referenced pages over 2 s)")), text.out());
        assertTrue(text.out().lines().anyMatch(line -> line.trim().startsWith("Cache needed  about ")
                && line.contains("to keep the working set cached")), text.out());

        CliRun summary = CliRun.of("summary", "--format", "json", recording.toString());
        Map<String, Object> mapping = Json.row(Json.array(summary.json(), "mappings"), "path", file.toString());
        assertEquals(HOT, Json.number(mapping, "workingSetBytes"), HOT * 0.15, "the file's own working set: " + mapping);
    }
}
