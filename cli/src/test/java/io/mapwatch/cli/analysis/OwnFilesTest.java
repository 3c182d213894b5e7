package io.mapwatch.cli.analysis;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Json;
import io.mapwatch.cli.SyntheticRecording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.mapwatch.cli.SyntheticRecording.commit;
import static io.mapwatch.cli.SyntheticRecording.map;
import static io.mapwatch.cli.SyntheticRecording.residency;
import static io.mapwatch.cli.SyntheticRecording.untracked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JFR's repository chunks and the agent jar are the tool's own files, never the user's mappings. */
class OwnFilesTest {
    private static final String CHUNK = "/tmp/2026_12_07_06_12_44_1234/2026_12_07_06_12_44.jfr";
    private static final String AGENT = "/home/app/.cache/mapwatch/mapwatch-agent-04e2615117559ef2.jar";
    private static final String USER_FILE = "/srv/index/segments_1.cfs";
    private static final String USER_LIBRARY = "/usr/lib/x86_64-linux-gnu/librocksdbjni.so";

    @Test
    void jfrRepositoryChunksAndTheAgentJarAreOwnFiles() {
        for (String own : List.of(CHUNK, "/var/tmp/jfr/2026_01_02_03_04_05_77_1/2026_01_02_03_04_06_01.jfr", AGENT,
                "/opt/mapwatch/agent/target/mapwatch-agent.jar")) {
            assertTrue(OwnFiles.isOwn(own), own);
        }
        for (String user : List.of(USER_FILE, "/data/recordings/app.jfr", "/data/2026_12_07_06_12_44.jfr",
                "/opt/app/lib/mapwatch-agent-helper.jar", "/srv/2026_12_07_06_12_44_1234/index.dat")) {
            assertFalse(OwnFiles.isOwn(user), user);
        }
    }

    @Test
    void ownFilesAreNeitherMappingsNorUntracked(@TempDir Path dir) {
        Path file;
        try (SyntheticRecording synthetic = new SyntheticRecording()) {
            commit(map(USER_FILE, 0x7f1000000000L, 1 << 20));
            commit(map(CHUNK, 0x7f4000000000L, 257 << 10));
            commit(residency(CHUNK, 0x7f4000000000L, 257 << 10, 257 << 10));
            commit(untracked(AGENT, 0x7f5000000000L, 1 << 20));
            commit(untracked(CHUNK, 0x7f4000000000L, 257 << 10));
            commit(untracked(USER_LIBRARY, 0x7f6000000000L, 12 << 20));
            file = synthetic.dump(dir.resolve("own.jfr"));
        }

        CliRun run = CliRun.of("summary", "--format", "json", file.toString());
        assertEquals(ExitCode.OK, run.exitCode(), run.toString());
        assertEquals(List.of(USER_FILE), Json.array(run.json(), "mappings").stream().map(r -> r.get("path")).toList());
        assertEquals(List.of(USER_LIBRARY), Json.array(run.json(), "untracked").stream().map(r -> r.get("path")).toList());
        Map<String, Object> totals = Json.object(run.json(), "totals");
        assertEquals(1 << 20, Json.number(totals, "peakMappedBytes"));
        assertEquals(1, Json.number(totals, "maps"));
    }
}
