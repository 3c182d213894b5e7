package io.mapwatch.cli.analysis;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.events.PageFaultsEvent;
import one.convert.Arguments;
import one.convert.FlameGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static io.mapwatch.cli.SyntheticRecording.faultRange;
import static io.mapwatch.cli.SyntheticRecording.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic: exact major faults ({@code mapwatch.FaultRange}) as the agent writes them on JDK 22+.
 * The thread "index-reader" stalls 200 ms and then runs where JFR's sampler sees it; its faults in
 * that period were on four ranges of HOT, on an untracked library and on memory that is not a file;
 * a second thread faulted a little on HOT. summary and faults must give each file what was tied to
 * it, 0 for a mapped file without faults, the ranges by offset, and the stack that stalled on HOT.
 */
class ExactFaultsTest {
    static final String HOT = "/srv/index/hot.dat";
    static final String COLD = "/srv/index/cold.dat";
    static final String LIBRARY = "/usr/lib/librocksdb.so";
    static final long SIZE = 8L << 20;
    static final long MIB = 1 << 20;
    static final long OTHER_THREAD = 999_999;

    @TempDir
    static Path dir;
    static Path exact;

    @BeforeAll
    static void record() {
        exact = SyntheticRecording.untilSampledSpinning(attempt -> exactFaults(dir.resolve("exact-" + attempt + ".jfr")));
    }

    private static Path exactFaults(Path file) {
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            hotMappedWithSources(MapwatchEvents.SOURCE_OK, MapwatchEvents.SOURCE_OK);
            commit(map(COLD, 0x7f2000000000L, SIZE));
            commit(SyntheticRecording.untracked(LIBRARY, 0x7f3000000000L, 4 * MIB));
            commit(processFaults(133));
            long self = SyntheticRecording.osThreadId();
            SyntheticRecording.commitStall(stall(self, 20), 200);
            SyntheticRecording.spinWhereTheSamplerSeesIt(60);
            commit(faultRange(HOT, self, "index-reader", 0, MIB, 10, 60, 2000));
            commit(faultRange(HOT, self, "index-reader", MIB, MIB, 12, 80, 2000));
            commit(faultRange(HOT, self, "index-reader", 2 * MIB, MIB, 100, 10, 2000));
            commit(faultRange(HOT, self, "index-reader", 6 * MIB, MIB, 1, 1, 2000));
            commit(faultRange(HOT, OTHER_THREAD, "merger", 0, MIB, 5, 2, 2000));
            var library = faultRange(LIBRARY, self, "index-reader", 0, 64 << 10, 2, 0, 2000);
            library.tracked = false;
            commit(library);
            commit(faultRange(null, self, "index-reader", 0, 0, 3, 5, 2000));
            return synthetic.dump(file);
        }
    }

    @Test
    void summaryGivesEachFileTheFaultsAtItsAddressesAndItsRanges() {
        CliRun run = CliRun.of("summary", "--format", "json", exact.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        List<Map<String, Object>> mappings = Json.array(run.json(), "mappings");
        Map<String, Object> hot = Json.row(mappings, "path", HOT);
        assertEquals(128, Json.number(hot, "majorFaults"), hot.toString());
        assertEquals(153, Json.number(hot, "stallMillis"), hot.toString());
        assertEquals(List.of(range(0, MIB, 15, 62), range(MIB, MIB, 12, 80), range(2 * MIB, MIB, 100, 10),
                range(6 * MIB, MIB, 1, 1)), hot.get("faultRanges"));
        Map<String, Object> cold = Json.row(mappings, "path", COLD);
        assertEquals(0, Json.number(cold, "majorFaults"), "measured, none: " + cold);
        assertEquals(0, Json.number(cold, "stallMillis"), cold.toString());
        assertEquals(List.of(), cold.get("faultRanges"));

        Map<String, Object> library = Json.row(Json.array(run.json(), "untracked"), "path", LIBRARY);
        assertEquals(2, Json.number(library, "majorFaults"));
        assertEquals(0, Json.number(library, "stallMillis"));
        Map<String, Object> totals = Json.object(run.json(), "totals");
        assertEquals(3, Json.number(totals, "notFileMajorFaults"));
        assertEquals(5, Json.number(totals, "notFileStallMillis"));
        assertEquals(153, Json.number(totals, "attributedStallMillis"), "the stall time on files, tracked or not");
        String finding = (String) Json.row(Json.array(run.json(), "findings"), "id", "page-fault-stalls").get("summary");
        assertTrue(finding.contains(HOT + ", 153.0 ms, 142.0 ms of it at offsets 0 B to 2.00 MiB"), finding);
    }

    @Test
    void summaryCsvAndTextShowTheSameFigures() {
        String csv = CliRun.of("summary", "--format", "csv", "--table", "mappings.faultRanges", exact.toString()).out();
        assertTrue(csv.startsWith("path,offset,length,majorFaults,stallMillis\r\n"
                + HOT + ",0,1048576,15,62\r\n" + HOT + ",1048576,1048576,12,80\r\n"), csv);

        String text = CliRun.of("summary", exact.toString()).out();
        String hotRow = text.lines().filter(l -> l.startsWith(HOT)).findFirst().orElseThrow();
        assertTrue(hotRow.matches(".*\\s128\\s+153 ms\\s+8\\.00 MiB$"), "MAJ FLT and STALL filled: " + hotRow);
        String coldRow = text.lines().filter(l -> l.startsWith(COLD)).findFirst().orElseThrow();
        assertTrue(coldRow.matches(".*\\s0\\s+0 ms\\s+8\\.00 MiB$"), coldRow);
        assertTrue(text.contains("Major faults on memory that is not a file: 3"), text);
        assertFalse(text.contains("Fault ranges"), "the raw ranges are for JSON and CSV: " + text);
    }

    @Test
    void faultsListsFilesWithHottestRangesThreadsAndTheStackThatStalled() {
        CliRun run = CliRun.of("faults", "--format", "json", exact.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        Map<String, Object> attribution = Json.object(run.json(), "attribution");
        assertEquals("exact faults", attribution.get("tiedBy"));
        assertEquals(133, Json.number(attribution, "exactMajorFaults"));
        assertEquals(1.0, ((Number) attribution.get("exactShare")).doubleValue());
        assertEquals(3, Json.number(attribution, "notFileMajorFaults"));
        List<Map<String, Object>> files = Json.array(run.json(), "files");
        assertEquals(List.of(HOT, LIBRARY), files.stream().map(f -> f.get("path")).toList(), "by stall time, then faults");
        Map<String, Object> hot = files.get(0);
        assertEquals("FileChannel.map", hot.get("mapping"));
        assertEquals("untracked", files.get(1).get("mapping"));
        assertEquals(153, Json.number(hot, "stallMillis"));
        assertEquals(128, Json.number(hot, "majorFaults"));

        List<Map<String, Object>> ranges = Json.array(hot, "ranges");
        assertEquals(List.of(0L, 2 * MIB, 6 * MIB), ranges.stream().map(r -> r.get("offset")).toList(),
                "the first two buckets have about the same density and are one range; the hotter third is apart");
        assertEquals(2 * MIB, Json.number(ranges.get(0), "length"));
        assertEquals(27, Json.number(ranges.get(0), "majorFaults"));
        assertEquals(142, Json.number(ranges.get(0), "stallMillis"));
        assertEquals("index-reader", ranges.get(0).get("thread"));
        assertEquals(140, Json.number(ranges.get(0), "threadStallMillis"));

        List<Map<String, Object>> threads = Json.array(hot, "threads");
        assertEquals(List.of("index-reader", "merger"), threads.stream().map(t -> t.get("thread")).toList());
        assertEquals(151, Json.number(threads.get(0), "stallMillis"));
        assertEquals(OTHER_THREAD, Json.number(threads.get(1), "osThreadId"));

        List<Map<String, Object>> stacks = Json.array(hot, "stacks");
        assertEquals(1, stacks.size(), "the stall was sampled right after: " + run.out());
        assertTrue(stacks.get(0).get("frames").toString().contains("SyntheticRecording.spinWhereTheSamplerSeesIt"),
                stacks.toString());
        long stackMillis = Json.number(stacks.get(0), "stallMillis");
        long stallMillis = Json.number(attribution, "stallMillis");
        assertTrue(stackMillis >= stallMillis * 151 / 156 - 1 && stackMillis <= stallMillis * 151 / 156 + 1,
                "the stall shared by the stall time on each file's faults (151 of 156 ms on HOT): " + stackMillis
                        + " of " + stallMillis);

        String text = CliRun.of("faults", exact.toString()).out();
        assertTrue(text.contains("Hottest offset ranges by file"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith(HOT) && l.matches(".*\\s0 B\\s+2\\.00 MiB\\s+27\\s+142 ms\\s+index-reader\\s+140 ms$")),
                text);
        assertTrue(text.contains("Stacks that stalled on each file") && text.contains("Threads that faulted on each file"), text);
    }

    @Test
    void collapsedStacksAreWhatAsyncProfilersConverterReads() throws Exception {
        CliRun run = CliRun.of("faults", "--format", "collapsed", exact.toString());

        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.matches("[^; ]+(;[^; ]+)* [1-9][0-9]*")),
                "frames separated by ';', root first, a space, a whole number: " + run.out());
        String spun = lines.stream().filter(l -> l.contains("SyntheticRecording.spinWhereTheSamplerSeesIt")).findFirst()
                .orElseThrow(() -> new AssertionError("the stalled stack: " + run.out()));
        assertTrue(spun.indexOf("ExactFaultsTest.record") < spun.indexOf("SyntheticRecording.spinWhereTheSamplerSeesIt"),
                "the caller comes before the callee: " + spun);
        long weight = Long.parseLong(spun.substring(spun.lastIndexOf(' ') + 1));
        long stallMillis = Json.number(Json.object(CliRun.of("faults", "--format", "json", exact.toString()).json(),
                "attribution"), "stallMillis");
        assertTrue(Math.abs(weight - stallMillis) <= 1, "the weight is the stall time in ms: " + weight + " vs "
                + stallMillis);

        FlameGraph converter = new FlameGraph(new Arguments("-o", "collapsed"));
        converter.parseCollapsed(new StringReader(run.out()));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        converter.dump(new PrintStream(again, true, StandardCharsets.UTF_8));
        assertEquals(Set.copyOf(lines), Set.copyOf(again.toString(StandardCharsets.UTF_8).lines().toList()),
                "async-profiler's converter reads every stack and weight back as written");
    }

    @Test
    void withoutExactFaultsFileFaultsAndRangesAreUnknown() {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            hotMappedWithSources(MapwatchEvents.SOURCE_OK, MapwatchEvents.SOURCE_UNAVAILABLE);
            commit(SyntheticRecording.untracked(LIBRARY, 0x7f3000000000L, 4 * MIB));
            commit(processFaults(5));
            SyntheticRecording.commitStall(stall(SyntheticRecording.osThreadId(), 5), 30);
            file = synthetic.dump(dir.resolve("no-exact.jfr"));
        }

        Object json = CliRun.of("summary", "--format", "json", file.toString()).json();
        Map<String, Object> hot = Json.row(Json.array(json, "mappings"), "path", HOT);
        assertTrue(hot.containsKey("faultRanges") && hot.get("faultRanges") == null, hot.toString());
        assertNull(hot.get("majorFaults"), "a stall tied to no file may have been this file's: " + hot);
        assertNull(Json.row(Json.array(json, "untracked"), "path", LIBRARY).get("majorFaults"));
        assertNull(Json.object(json, "totals").get("notFileMajorFaults"));

        CliRun faults = CliRun.of("faults", "--format", "json", file.toString());
        assertEquals("timed accesses", Json.object(faults.json(), "attribution").get("tiedBy"));
        assertNull(Json.object(faults.json(), "attribution").get("exactMajorFaults"));
        assertTrue(CliRun.of("faults", file.toString()).out().contains("Major faults were not recorded exactly"));
    }

    @Test
    void exactFaultsWithoutTheStallSamplerKnowFaultsButNotStallTime() {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            hotMappedWithSources(MapwatchEvents.SOURCE_OFF, MapwatchEvents.SOURCE_OK);
            commit(faultRange(HOT, SyntheticRecording.osThreadId(), "index-reader", 0, MIB, 7, -1, 1000));
            file = synthetic.dump(dir.resolve("no-stalls.jfr"));
        }

        Map<String, Object> hot = Json.row(Json.array(CliRun.of("summary", "--format", "json", file.toString()).json(),
                "mappings"), "path", HOT);
        assertEquals(7, Json.number(hot, "majorFaults"));
        assertTrue(hot.containsKey("stallMillis") && hot.get("stallMillis") == null, hot.toString());
        Map<String, Object> range = ((List<Map<String, Object>>) (List<?>) hot.get("faultRanges")).get(0);
        assertEquals(7, Json.number(range, "majorFaults"));
        assertNull(range.get("stallMillis"), range.toString());
    }

    /** The agent's word on its stall sampler and its exact faults, then a map of HOT. */
    static void hotMappedWithSources(String stalls, String exact) {
        commit(SyntheticRecording.source("stalls", stalls));
        commit(SyntheticRecording.source("exact", exact));
        commit(map(HOT, 0x7f1000000000L, SIZE));
    }

    static Map<String, Object> range(long offset, long length, long majorFaults, long stallMillis) {
        return Map.of("offset", offset, "length", length, "majorFaults", majorFaults, "stallMillis", stallMillis);
    }

    static PageFaultStallEvent stall(long osThreadId, long majorFaults) {
        PageFaultStallEvent stall = new PageFaultStallEvent();
        stall.osThreadId = osThreadId;
        stall.threadName = "index-reader";
        stall.samples = 10;
        stall.majorFaults = majorFaults;
        return stall;
    }

    static PageFaultsEvent processFaults(long major) {
        PageFaultsEvent faults = new PageFaultsEvent();
        faults.minorFaults = 1000;
        faults.majorFaults = major;
        faults.interval = 1_000_000_000L;
        return faults;
    }
}
