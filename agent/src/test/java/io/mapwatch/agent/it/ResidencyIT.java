package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Residency figures agree with what the kernel shows for the same range. */
class ResidencyIT {
    @Test
    void residentBytesMatchRssOfSmapsForTheSameRange(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("residency.jfr");
        Path file = dir.resolve("index.dat");
        // 2,000 random 8-byte reads over 256 MiB map part of it: fault-around maps neighbours too.
        ForkedJvm.Running app = ForkedJvm.workload("RandomReads", "--file", file.toString(), "--size", "256m", "--reads", "2000")
                .holding(dir, "120")
                .agent("record=" + recording + ",residency=1s,smaps=2s")
                .start();
        app.awaitReady(Duration.ofMinutes(2)); // it read and holds
        Instant quiet = Instant.now();
        long rss = ProcOfProcess.rssOf(app.pid(), file);
        // wait until a residency pass certainly ran after the workload went quiet, then end it
        Thread.sleep(2500);
        app.release();
        app.await(Duration.ofMinutes(2)).assertSucceeded();

        List<RecordedEvent> samples = Recordings.events(recording, "mapwatch.MappingResidency").stream()
                .filter(e -> e.getStartTime().isAfter(quiet.plusMillis(200)))
                .collect(Collectors.toList());
        assertFalse(samples.isEmpty(), "residency samples while the workload held");
        assertTrue(rss > 0 && rss < 256L << 20, "partly resident: " + rss);
        System.out.printf("residency: smaps Rss %d, agent residentBytes %d%n", rss, samples.get(samples.size() - 1).getLong("residentBytes"));
        for (RecordedEvent sample : samples) {
            long resident = sample.getLong("residentBytes");
            assertEquals(rss, resident, rss * 0.02, "pagemap residency within 2% of smaps Rss");
            long smapsRss = sample.getLong("rss");
            if (smapsRss != -1) {
                assertEquals(rss, smapsRss, rss * 0.02, "the agent's own smaps pass agrees");
            }
            assertTrue(sample.getLong("pageCacheBytes") >= resident, "what is mapped here is in the page cache");
        }
        assertTrue(samples.stream().anyMatch(e -> e.getLong("rss") != -1), "an smaps pass ran meanwhile");
        assertTrue(samples.stream().anyMatch(e -> e.getLong("rss") == -1), "between smaps passes smaps fields are -1");
    }

    /**
     * Sixteen 4 MiB mappings made one after another lie end to end in memory, and the residency
     * pass reads pagemap once for such a run: what it reports per mapping must still be what the
     * kernel shows, both when the run is all mapped in (touched) and when it is not (a few
     * random reads: each mapping is measured on its own then).
     */
    @Test
    void adjacentMappingsMeasuredAsOneRunAgreeWithSmaps(@TempDir Path dir) throws Exception {
        for (boolean touched : new boolean[] {true, false}) {
            Path recording = dir.resolve("runs-" + touched + ".jfr");
            Path file = dir.resolve("runs.dat");
            List<String> args = new ArrayList<>(List.of("--file", file.toString(), "--size", "64m", "--chunk", "4m",
                    "--reads", "300"));
            if (touched) {
                args.add("--touch");
            }
            Path held = dir.resolve("held-" + touched);
            Files.createDirectories(held);
            ForkedJvm.Running app = ForkedJvm.workload("RandomReads", args.toArray(new String[0]))
                    .holding(held, "120")
                    .agent("record=" + recording + ",residency=1s")
                    .start();
            app.awaitReady(Duration.ofMinutes(2));
            Instant quiet = Instant.now();
            long rss = ProcOfProcess.rssOf(app.pid(), file);
            Thread.sleep(2500); // a residency pass certainly ran after the workload went quiet
            app.release();
            app.await(Duration.ofMinutes(2)).assertSucceeded();

            List<List<RecordedEvent>> passes = passes(Recordings.events(recording, "mapwatch.MappingResidency").stream()
                    .filter(e -> e.getStartTime().isAfter(quiet.plusMillis(200)) && e.getString("path").endsWith("runs.dat"))
                    .collect(Collectors.toList()));
            assertFalse(passes.isEmpty(), "residency passes while the workload held");
            if (touched) {
                assertEquals(64L << 20, rss, "touched: the kernel shows all of it mapped in");
            } else {
                assertTrue(rss > 0 && rss < 64L << 20, "a few reads: partly mapped in: " + rss);
            }
            for (List<RecordedEvent> pass : passes) {
                assertEquals(16, pass.size(), "one event per mapping");
                long resident = pass.stream().mapToLong(e -> e.getLong("residentBytes")).sum();
                System.out.printf("runs (touched %s): smaps Rss %d, agent residentBytes %d%n", touched, rss, resident);
                assertEquals(rss, resident, rss * 0.02, "pagemap residency within 2% of smaps Rss");
                for (RecordedEvent e : pass) {
                    assertTrue(e.getLong("residentBytes") <= e.getLong("mappedSize"), e.toString());
                    assertTrue(e.getLong("pageCacheBytes") >= e.getLong("residentBytes"), "what is mapped here is in the page cache");
                }
            }
        }
    }

    /** Events in time order, cut into passes where 300 ms go by without one (passes here are 1 s apart). */
    private static List<List<RecordedEvent>> passes(List<RecordedEvent> events) {
        List<List<RecordedEvent>> passes = new ArrayList<>();
        Instant last = Instant.EPOCH;
        for (RecordedEvent e : events.stream().sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList()) {
            if (Duration.between(last, e.getStartTime()).toMillis() > 300) {
                passes.add(new ArrayList<>());
            }
            passes.get(passes.size() - 1).add(e);
            last = e.getStartTime();
        }
        return passes;
    }

    @Test
    void pageCacheIsNothingForAnEvictedFileAndEverythingAfterLoad(@TempDir Path dir) throws Exception {
        Path file = Eviction.coldFile(dir.resolve("cold.dat"), "32m");
        Path recording = dir.resolve("load.jfr");
        ForkedJvm.Result run = ForkedJvm.workload("ResidencyPhases", "--file", file.toString(),
                        "--before-ms", "2500", "--after-ms", "2500")
                .agent("record=" + recording + ",residency=500ms")
                .run().assertSucceeded();
        Instant loadStarted = Instant.ofEpochMilli(Long.parseLong(run.value("load_started_ms")));
        Instant loadEnded = Instant.ofEpochMilli(Long.parseLong(run.value("load_ended_ms")));
        long size = 32L << 20;

        List<RecordedEvent> samples = Recordings.events(recording, "mapwatch.MappingResidency");
        List<RecordedEvent> before = samples.stream().filter(e -> e.getEndTime().isBefore(loadStarted)).collect(Collectors.toList());
        List<RecordedEvent> after = samples.stream().filter(e -> e.getStartTime().isAfter(loadEnded)).collect(Collectors.toList());
        assertFalse(before.isEmpty(), "samples before load()\n" + run);
        assertFalse(after.isEmpty(), "samples after load()\n" + run);
        for (RecordedEvent e : before) {
            assertEquals(0, e.getLong("pageCacheBytes"), "evicted and not touched: nothing in the page cache");
            assertEquals(0, e.getLong("residentBytes"));
        }
        for (RecordedEvent e : after) {
            assertEquals(size, e.getLong("pageCacheBytes"), "load() brought all of it in");
            assertEquals(size, e.getLong("residentBytes"), "and mapped all of it here");
        }
        Map<String, RecordedEvent> sources = Recordings.lastSourceStates(recording);
        if (cachestatExpected()) {
            assertEquals("OK", sources.get("cachestat").getString("state"), "the page cache from cachestat(2)");
            assertEquals("OFF", sources.get("mincore").getString("state"), "mincore not used: " + sources.get("mincore"));
            for (RecordedEvent e : samples) {
                assertEquals(0, e.getLong("dirty"), "read only: nothing modified");
                assertEquals(0, e.getLong("writeback"));
                assertTrue(e.getLong("evicted") >= 0 && e.getLong("recentlyEvicted") >= 0, e.toString());
            }
        } else {
            assertTrue(samples.stream().allMatch(e -> e.getLong("dirty") == -1), "without cachestat, not measured");
        }
    }

    @Test
    void dirtyPagesOfAWrittenMappingComeFromCachestat(@TempDir Path dir) throws Exception {
        assumeTrue(cachestatExpected(), "cachestat needs JDK 22+ and Linux 6.5+");
        Path file = dir.resolve("journal.dat");
        Path recording = dir.resolve("dirty.jfr");
        ForkedJvm.workload("ForceWriter", "--file", file.toString(), "--size", "16m", "--record", "4096",
                        "--force-every", "1g", "--seconds", "3")
                .agent("record=" + recording + ",residency=500ms")
                .run().assertSucceeded();
        List<RecordedEvent> samples = Recordings.events(recording, "mapwatch.MappingResidency").stream()
                .filter(e -> file.toString().equals(e.getString("path"))).collect(Collectors.toList());
        assertFalse(samples.isEmpty(), "residency samples while it wrote");
        System.out.printf("cachestat: dirty bytes of the written mapping %s%n",
                samples.stream().map(e -> Long.toString(e.getLong("dirty"))).collect(Collectors.joining(", ")));
        assertTrue(samples.stream().anyMatch(e -> e.getLong("dirty") > 0), "written pages not yet flushed are dirty");
        for (RecordedEvent e : samples) {
            assertTrue(e.getLong("dirty") <= e.getLong("mappedSize") && e.getLong("dirty") <= e.getLong("pageCacheBytes"),
                    "dirty pages are pages of the range in the page cache: " + e);
            assertTrue(e.getLong("writeback") >= 0, e.toString());
        }
    }

    /** cachestat(2) runs where the JDK has the FFM API (22+) and the kernel has the call (6.5+). */
    static boolean cachestatExpected() {
        String[] kernel = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(kernel[0]);
        int minor = Integer.parseInt(kernel[1]);
        return Runtime.version().feature() >= 22 && (major > 6 || major == 6 && minor >= 5);
    }
}
