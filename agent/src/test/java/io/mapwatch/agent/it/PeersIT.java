package io.mapwatch.agent.it;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** mapwatch next to the tools people already run: the OpenTelemetry agent, the JDK's jfr tool. */
class PeersIT {
    private static final Path OTEL_AGENT = Paths.get(System.getProperty("mapwatch.peers.dir", "target/peers"),
            "opentelemetry-javaagent.jar");

    @Test
    void openTelemetryAgentAndMapwatchBothWork(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(OTEL_AGENT), "OpenTelemetry agent jar not copied by the build: " + OTEL_AGENT);
        Path recording = dir.resolve("otel.jfr");
        String[] workload = {"RandomReads", "--file", dir.resolve("r.dat").toString(), "--size", "16m",
                "--reads", "3000000", "--threads", "1", "--hold", "2"};
        ForkedJvm.Result alone = ForkedJvm.workload(workload[0], rest(workload)).run().assertSucceeded();
        ForkedJvm.Result both = ForkedJvm.workload(workload[0], rest(workload))
                .jvmArg("-javaagent:" + OTEL_AGENT.toAbsolutePath(),
                        "-Dotel.traces.exporter=none", "-Dotel.logs.exporter=none",
                        "-Dotel.metrics.exporter=logging", "-Dotel.metric.export.interval=500")
                .runRecording(recording);

        assertEquals(alone.value("checksum"), both.value("checksum"), "the application computes the same");
        assertEquals(alone.value("mapped_bytes"), both.value("mapped_bytes"));
        assertTrue(both.stderr.contains("jvm.memory.used"), "OpenTelemetry exported its JVM metrics:\n" + both.stderr);
        assertEquals(1, Recordings.events(recording, "mapwatch.Map").size(), "16 MiB in one map");
    }

    @Test
    void recordingsReadAsValidJsonWithTheJdkJfrTool(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("json.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_WRITE:0:8192:8192,PRIVATE:0:4096:4096",
                        "--force", "--load", "--unmap")
                .runRecording(recording);
        Path json = dir.resolve("out.json");
        Process jfr = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "jfr").toString(),
                "print", "--json", "--events", "mapwatch.Map,mapwatch.Unmap,mapwatch.Force,mapwatch.Load,mapwatch.AgentStatus",
                recording.toString())
                .redirectOutput(json.toFile()).redirectErrorStream(false).start();
        assertTrue(jfr.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, jfr.exitValue(), new String(jfr.getErrorStream().readAllBytes()));

        int events = 0;
        try (JsonParser parser = new JsonFactory().createParser(json.toFile())) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token == JsonToken.FIELD_NAME && parser.currentName().equals("type")) {
                    parser.nextToken();
                    if (parser.getText().startsWith("mapwatch.")) {
                        events++;
                    }
                }
            }
        }
        int expected = 0;
        for (String name : new String[]{"mapwatch.Map", "mapwatch.Unmap", "mapwatch.Force", "mapwatch.Load", "mapwatch.AgentStatus"}) {
            expected += Recordings.events(recording, name).size();
        }
        assertTrue(expected >= 2 + 2 + 1 + 2 + 1, "the recording holds the workload's events");
        assertEquals(expected, events, "every mapwatch event appears in the JSON");
    }

    private static String[] rest(String[] all) {
        String[] rest = new String[all.length - 1];
        System.arraycopy(all, 1, rest, 0, rest.length);
        return rest;
    }
}
