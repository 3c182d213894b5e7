package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.Workload;
import io.mapwatch.testapps.MapChurn;
import io.mapwatch.testapps.MapScenario;
import io.mapwatch.testapps.UnmapTriggers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** mappings on recordings of UnmapTriggers, MapChurn and MapScenario under the real agent. */
class MappingsIT {
    @TempDir
    Path dir;

    @Test
    void bufferLeftToTheGcIsUnmappedByTheGcAtItsSite() {
        Workload.Run run = Workload.record(dir.resolve("gc.jfr"), UnmapTriggers.class,
                "--file", dir.resolve("gc.dat").toString(), "--trigger", "gc", "--hold-ms", "200");
        assertEquals("true", run.result("released"), run.output());
        String path = run.result("path");

        Object json = CliRun.of("mappings", "--format", "json", run.recording().toString()).json();

        Map<String, Object> site = Json.array(json, "sites").get(0);
        assertTrue(site.get("site").toString().startsWith("io.mapwatch.testapps.UnmapTriggers.main:"), site.toString());
        assertEquals(1, Json.number(site, "maps"));
        assertEquals(64 << 10, Json.number(site, "mappedBytes"));
        assertEquals(1, Json.number(site, "gcUnmaps"));
        assertEquals(0, Json.number(site, "explicitUnmaps"));
        long lifetime = Json.number(site, "averageLifetimeNanos");
        assertTrue(lifetime >= (long) (Double.parseDouble(run.result("lifetime_min_ms")) * 1e6)
                && lifetime <= (long) (Double.parseDouble(run.result("lifetime_max_ms")) * 1e6), lifetime + " ns\n" + run.output());
        Map<String, Object> gcFreed = Json.row(Json.array(json, "gcFreed"), "path", path);
        assertEquals(1, Json.number(gcFreed, "gcUnmaps"));
        long gcLifetimes = Json.array(json, "lifetimes").stream().mapToLong(r -> Json.number(r, "GC")).sum();
        assertEquals(1, gcLifetimes);
        assertEquals(0, Json.array(json, "live").size());
    }

    @Test
    void churnLeftToTheGcIsAWarning() {
        Workload.Run run = Workload.record(dir.resolve("churn.jfr"), MapChurn.class, "--dir", dir.toString(),
                "--files", "8", "--ops", "2000", "--unmap", "gc", "--count-maps");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("true", run.result("gc_released_all"), run.output());

        Object json = CliRun.of("mappings", "--format", "json", run.recording().toString()).json();
        Map<String, Object> site = Json.array(json, "sites").get(0);
        assertTrue(site.get("site").toString().startsWith("io.mapwatch.testapps.MapChurn.churn:"), site.toString());
        assertEquals(2000, Json.number(site, "maps"));
        assertEquals(2000, Json.number(site, "gcUnmaps"));

        CliRun summary = CliRun.of("summary", "--format", "json", "--fail-on", "warning", run.recording().toString());
        assertEquals(ExitCode.FINDING, summary.exitCode(), summary.toString());
        assertEquals("WARNING", Json.row(Json.array(summary.json(), "findings"), "id", "gc-only-unmaps").get("severity"));
        assertEquals(2000, Json.number(Json.object(summary.json(), "totals"), "unmaps"));
    }

    @Test
    void explicitUnmapsAreHealthyAndLiveMappingsAreListed() {
        Workload.Run explicit = Workload.record(dir.resolve("explicit.jfr"), UnmapTriggers.class,
                "--file", dir.resolve("explicit.dat").toString(), "--trigger", "explicit", "--hold-ms", "50");
        assertEquals("true", explicit.result("released"), explicit.output());
        CliRun summary = CliRun.of("summary", "--format", "json", explicit.recording().toString());
        assertEquals("OK", Json.row(Json.array(summary.json(), "findings"), "id", "gc-only-unmaps").get("severity"));

        Workload.Run kept = Workload.record(dir.resolve("kept.jfr"), MapScenario.class, "--dir", dir.resolve("kept").toString(),
                "--maps", "READ_ONLY:0:128k:128k,READ_ONLY:0:64k:64k");
        assertEquals(0, kept.exitCode(), kept.output());
        CliRun mappings = CliRun.of("mappings", "--format", "json", kept.recording().toString());
        List<Map<String, Object>> live = Json.array(mappings.json(), "live");
        assertEquals(List.of(128L << 10, 64L << 10), live.stream().map(r -> r.get("mappedSize")).toList(),
                "largest first: " + mappings.out());
        assertTrue(live.get(0).get("site").toString().startsWith("io.mapwatch.testapps.MapScenario.mapOne:"), live.toString());
        CliRun text = CliRun.of("mappings", kept.recording().toString());
        assertTrue(text.out().contains("Still live at the end: 2 mappings, 192 KiB"), text.out());
    }
}
