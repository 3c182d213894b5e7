package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same jar loaded into a running JVM instruments the classes it already loaded; loading it
 * again applies the new options without instrumenting twice.
 */
class AttachIT {
    @Test
    void attachingTwiceNeverDoublesTheEvents(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("first.jfr");
        Path second = dir.resolve("second.jfr");
        ForkedJvm.Result run = MapRounds.run(MapRounds.workload(dir, "--maps", "5"), dir, app -> {
            MapRounds.round(dir); // FileChannelImpl and friends are loaded and used before any agent
            app.attachAgent("");
            MapRounds.round(dir); // instrumented, but nothing records
            app.attachAgent("record=" + first); // starts JFR, which on JDK 17 retransforms FileChannelImpl
            MapRounds.round(dir);
            app.attachAgent("record=" + second + ",log=info");
            MapRounds.round(dir);
        });
        assertEquals("4", run.value("rounds"));
        assertEquals(10, Recordings.events(first, "mapwatch.Map").size(), "rounds 3 and 4, five maps each, once\n" + run);
        assertEquals(10, Recordings.events(first, "mapwatch.Unmap").size());
        assertEquals(5, Recordings.events(second, "mapwatch.Map").size(), "round 4 only");
        assertEquals(1, AgentOptionsIT.mapwatchLines(run.stderr).stream().filter(l -> l.contains("already loaded")).count(),
                "the fourth load says it reused the loaded agent (log=info)\n" + run.stderr);
    }

    /**
     * A second load cannot change the samplers the first one started: it says so in one line, and
     * the recording it starts reports the options in effect, not the ones asked for.
     */
    @Test
    void aSecondLoadSaysWhatIsInEffect(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("second.jfr");
        ForkedJvm.Result run = MapRounds.run(MapRounds.workload(dir, "--maps", "1").agent("sample=2s,stalls=off"), dir, app -> {
            MapRounds.round(dir);
            app.attachAgent("record=" + recording + ",sample=500ms,stalls=20ms");
            MapRounds.round(dir);
        });
        List<String> notApplied = AgentOptionsIT.mapwatchLines(run.stderr).stream()
                .filter(l -> l.contains("already loaded:")).collect(Collectors.toList());
        assertEquals(1, notApplied.size(), run.stderr);
        assertTrue(notApplied.get(0).contains("sample=500ms (stays 2s)") && notApplied.get(0).contains("stalls=20ms (stays off)"),
                notApplied.get(0));
        for (RecordedEvent status : Recordings.events(recording, "mapwatch.AgentStatus")) {
            String options = status.getString("options");
            assertTrue(options.contains("sample=2s") && options.contains("stalls=off") && options.contains("record=" + recording),
                    "AgentStatus shows the options in effect: " + options);
        }
        for (RecordedEvent sampler : Recordings.events(recording, "mapwatch.SamplerStatus")) {
            if (sampler.getString("sampler").equals("faults")) {
                assertEquals(Duration.ofSeconds(2), sampler.getDuration("period"), "the counters still run every 2 s");
            }
            assertTrue(!sampler.getString("sampler").equals("stalls"), "no stall watcher: the JVM started without it");
        }
    }
}
