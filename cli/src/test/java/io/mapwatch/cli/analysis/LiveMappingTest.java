package io.mapwatch.cli.analysis;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import io.mapwatch.cli.read.ChunkScan;
import io.mapwatch.events.LiveMappingEvent;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.UnmapEvent;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static io.mapwatch.cli.SyntheticRecording.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Synthetic: {@code mapwatch.LiveMapping} as the agent emits it at the start of every chunk. A
 * mapping made before the recording counts from its first moment; one that the recording also
 * saw made, or that several chunks repeat, counts once.
 */
class LiveMappingTest {
    private static final String INDEX = "/srv/index/segments_4.cfs";
    private static final String JOURNAL = "/srv/journal/000017.log";
    private static final long INDEX_ADDRESS = 0x7f2000000000L;
    private static final long JOURNAL_ADDRESS = 0x7f3000000000L;
    private static final long INDEX_SIZE = 256L << 20;
    private static final long JOURNAL_SIZE = 4L << 20;
    private static final String MAPPED_FROM = "com.example.search.IndexReader.open:42\ncom.example.search.Main.main:7";

    @TempDir
    Path dir;

    @Test
    void mappingMadeBeforeTheRecordingCountsFromItsFirstMoment() {
        Instant mappedAt = Instant.now().minusSeconds(3600);
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(live(INDEX, INDEX_ADDRESS, INDEX_SIZE, mappedAt.toEpochMilli(), MAPPED_FROM));
            file = synthetic.dump(dir.resolve("late.jfr"));
        }

        Object summary = json("summary", file);
        Map<String, Object> row = Json.row(Json.array(summary, "mappings"), "path", INDEX);
        assertEquals(0, Json.number(row, "maps"), "not mapped during the recording");
        assertEquals(INDEX_SIZE, Json.number(row, "peakMappedBytes"));
        assertEquals(INDEX_SIZE, Json.number(row, "liveAtEndBytes"));
        assertEquals(INDEX_SIZE, Json.number(Json.object(summary, "totals"), "peakMappedBytes"));

        Object mappings = json("mappings", file);
        Map<String, Object> live = Json.array(mappings, "live").get(0);
        assertEquals(INDEX, live.get("path"));
        assertEquals("com.example.search.IndexReader.open:42", live.get("site"), "the allocation site the agent kept");
        assertEquals(mappedAt.toEpochMilli(), Instant.parse((String) live.get("mappedAt")).toEpochMilli());
        assertTrue(Json.number(live, "ageNanos") >= 3600_000_000_000L, live.toString());
        Map<String, Object> site = Json.row(Json.array(mappings, "sites"), "site", "com.example.search.IndexReader.open:42");
        assertEquals(List.of("com.example.search.IndexReader.open:42", "com.example.search.Main.main:7"), site.get("stack"));
        assertEquals(1, Json.number(site, "liveAtEnd"));

        Map<String, Object> plan = Json.array(json("plan", file), "plan").get(0);
        assertEquals(INDEX_SIZE, Json.number(plan, "peakMappedBytes"));
    }

    @Test
    void mapRepeatedByTheLiveMappingsOfLaterChunksCountsOnce() {
        Path file;
        long indexMappedAt = Instant.now().minusSeconds(60).toEpochMilli();
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(live(INDEX, INDEX_ADDRESS, INDEX_SIZE, indexMappedAt, null));
            commit(map(JOURNAL, JOURNAL_ADDRESS, JOURNAL_SIZE));
            long journalMappedAt = System.currentTimeMillis();
            for (int chunk = 0; chunk < 2; chunk++) {
                rotateChunk();
                commit(live(INDEX, INDEX_ADDRESS, INDEX_SIZE, indexMappedAt, null));
                commit(live(JOURNAL, JOURNAL_ADDRESS, JOURNAL_SIZE, journalMappedAt, null));
            }
            commit(unmap(JOURNAL, JOURNAL_ADDRESS, JOURNAL_SIZE));
            file = synthetic.dump(dir.resolve("rotated.jfr"));
        }
        assertTrue(ChunkScan.of(file).chunks() >= 3, "the recording has the chunks the test rotated");

        Object summary = json("summary", file);
        Map<String, Object> journal = Json.row(Json.array(summary, "mappings"), "path", JOURNAL);
        assertEquals(1, Json.number(journal, "maps"));
        assertEquals(1, Json.number(journal, "unmaps"));
        assertEquals(JOURNAL_SIZE, Json.number(journal, "peakMappedBytes"), "one mapping, however many chunks repeat it");
        assertEquals(0, Json.number(journal, "liveAtEndBytes"));
        Map<String, Object> totals = Json.object(summary, "totals");
        assertEquals(INDEX_SIZE + JOURNAL_SIZE, Json.number(totals, "peakMappedBytes"));
        assertEquals(1, Json.number(totals, "maps"));
        assertEquals(1, Json.number(totals, "liveAtEndMappings"));

        Map<String, Object> site = Json.array(json("mappings", file), "sites").stream()
                .filter(r -> r.get("site").toString().startsWith("io.mapwatch.cli.SyntheticRecording.commit:"))
                .findFirst().orElseThrow();
        assertEquals(1, Json.number(site, "maps"), "the Map event's stack is the site: " + site);
        assertEquals(1, Json.number(site, "explicitUnmaps"), "the unmap ends the mapping its Map event made: " + site);
    }

    @Test
    void liveMappingWrittenBeforeItsMapEventIsOneMap() {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(live(JOURNAL, JOURNAL_ADDRESS, JOURNAL_SIZE, System.currentTimeMillis(), null));
            commit(map(JOURNAL, JOURNAL_ADDRESS, JOURNAL_SIZE));
            file = synthetic.dump(dir.resolve("race.jfr"));
        }

        Map<String, Object> journal = Json.row(Json.array(json("summary", file), "mappings"), "path", JOURNAL);
        assertEquals(1, Json.number(journal, "maps"));
        assertEquals(JOURNAL_SIZE, Json.number(journal, "peakMappedBytes"));
        assertEquals(JOURNAL_SIZE, Json.number(journal, "liveAtEndBytes"));
    }

    @Test
    void liveMappingOfAnotherFileAtAnAddressTakesItsPlace() {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(map(JOURNAL, JOURNAL_ADDRESS, JOURNAL_SIZE));
            rotateChunk();
            commit(live(INDEX, JOURNAL_ADDRESS, INDEX_SIZE, System.currentTimeMillis(), null));
            file = synthetic.dump(dir.resolve("reused.jfr"));
        }

        Object summary = json("summary", file);
        assertEquals(INDEX_SIZE, Json.number(Json.object(summary, "totals"), "peakMappedBytes"),
                "the journal's unmap was not recorded, but its address now holds the index");
        assertEquals(0, Json.number(Json.row(Json.array(summary, "mappings"), "path", JOURNAL), "liveAtEndBytes"));
    }

    private static Object json(String command, Path file) {
        CliRun run = CliRun.of(command, "--format", "json", file.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        return run.json();
    }

    /** Starts and stops another recording: JFR begins a new chunk of every running recording each time. */
    private static void rotateChunk() {
        try (Recording other = new Recording()) {
            other.start();
            other.stop();
        }
    }

    private static LiveMappingEvent live(String path, long address, long size, long mappedAtMillis, String mappedFrom) {
        LiveMappingEvent event = SyntheticRecording.readOnlyMapping(new LiveMappingEvent(), path, address, size);
        event.fileSize = size;
        event.mappedAt = mappedAtMillis;
        event.mappedFrom = mappedFrom;
        return event;
    }

    private static UnmapEvent unmap(String path, long address, long size) {
        UnmapEvent event = new UnmapEvent();
        event.path = path;
        event.address = address;
        event.mappedSize = size;
        event.trigger = MapwatchEvents.TRIGGER_EXPLICIT;
        return event;
    }
}
