package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every map the application makes becomes exactly one mapwatch.Map with the caller's figures. */
class MapEventsIT {
    private static final int PAGE = 4096;

    @Test
    void eachMapGivesOneEventWithTheCallersFigures(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("maps.jfr");
        // mode:position:size:fileSize; the READ_WRITE map reaches past the end of an empty file.
        String specs = "READ_ONLY:0:4096:4096,READ_ONLY:100:5000:8192,READ_WRITE:12288:1m:0,PRIVATE:8192:1m:2m,READ_ONLY:0:3m:3m";
        ForkedJvm.Result run = ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", specs, "--force", "--load")
                .runRecording(recording);

        List<Map<String, String>> made = run.lines("map=").stream().map(ForkedJvm::fields).collect(Collectors.toList());
        List<RecordedEvent> events = Recordings.events(recording, "mapwatch.Map");
        assertEquals(made.size(), events.size(), "one mapwatch.Map per map\n" + run);
        events.sort(Comparator.comparing(RecordedEvent::getStartTime));

        for (int i = 0; i < made.size(); i++) {
            Map<String, String> call = made.get(i);
            RecordedEvent event = events.get(i);
            long position = Long.parseLong(call.get("position"));
            long size = Long.parseLong(call.get("size"));
            long fileSize = Long.parseLong(call.get("file_size"));
            assertEquals(call.get("path"), event.getString("path"));
            assertEquals(call.get("mode"), event.getString("mode"));
            assertEquals(position, event.getLong("position"));
            assertEquals(size, event.getLong("size"));
            assertEquals(size + position % PAGE, event.getLong("mappedSize"), "mappedSize = size + position % page");
            assertEquals(0, event.getLong("address") % PAGE, "address is page-aligned");
            assertEquals(fileSize, event.getLong("fileSize"), "file size before the map");
            assertEquals(fileSize < position + size, event.getBoolean("fileExtended"));
            assertEquals("ByteBuffer", event.getString("api"));
            assertEquals("io.mapwatch.testapps.MapScenario.mapOne", Recordings.topApplicationFrame(event));
        }
        assertEquals(made.get(2).get("position") + "", "12288");
        assertEquals(12288 + (1 << 20), Long.parseLong(made.get(2).get("file_size_after")), "the workload saw the file grow");
    }

    @Test
    void forceAndLoadCarryTheFileOffset(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("force.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_WRITE:100:5000:8192", "--force", "--load")
                .runRecording(recording);

        List<RecordedEvent> forces = Recordings.events(recording, "mapwatch.Force");
        List<RecordedEvent> loads = Recordings.events(recording, "mapwatch.Load");
        assertEquals(1, forces.size());
        assertEquals(1, loads.size());
        for (RecordedEvent event : List.of(forces.get(0), loads.get(0))) {
            assertEquals(dir.resolve("map-0.dat").toAbsolutePath().toString(), event.getString("path"));
            assertEquals(100, event.getLong("offset"), "the buffer starts at file offset 100");
            assertEquals(5000, event.getLong("length"));
        }
        assertEquals("io.mapwatch.testapps.MapScenario.main", Recordings.topApplicationFrame(forces.get(0)));
    }

    @Test
    void agentStatusSaysWhatWasInstrumented(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("status.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString())
                .agent("record=" + recording + ",log=warn")
                .run().assertSucceeded();

        List<RecordedEvent> status = Recordings.events(recording, "mapwatch.AgentStatus");
        assertFalse(status.isEmpty());
        RecordedEvent first = status.get(0);
        String instrumented = first.getString("instrumented");
        for (String target : List.of("FileChannelImpl.mapInternal", "Unmapper.<init>", "Unmapper.unmap",
                "MappedMemoryUtils.force", "MappedMemoryUtils.load")) {
            assertTrue(instrumented.contains(target), target + " in " + instrumented);
        }
        assertEquals("", first.getString("notInstrumented"));
        assertEquals(System.getProperty("java.runtime.version"), first.getString("javaVersion"));
        assertTrue(first.getString("options").contains("record=" + recording));
    }
}
