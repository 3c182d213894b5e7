package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A JVM in which the agent cannot read the /proc files it uses still runs the application, and
 * the lifecycle events still work. The files are masked with empty ones in a private mount
 * namespace, which needs root: unprivileged runs skip.
 */
class ProcUnavailableIT {
    static final String MASK_PROC = "for f in maps smaps smaps_rollup pagemap status stat; do "
            + "mount --bind /dev/null /proc/$$/$f || exit 97; done; "
            + "for f in /proc/sys/vm/max_map_count /proc/meminfo /proc/pressure/memory; do "
            + "[ -e $f ] && { mount --bind /dev/null $f || exit 97; }; done";

    static void assumeCanMaskProc() {
        assumeTrue("root".equals(System.getProperty("user.name")), "masking /proc needs root (mount namespaces)");
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/unshare")), "needs unshare from util-linux");
    }

    @Test
    void applicationRunsAndLifecycleEventsWorkWithoutProc(@TempDir Path dir) throws Exception {
        assumeCanMaskProc();
        Path recording = dir.resolve("noproc.jfr");
        ForkedJvm.Result plain = ForkedJvm.workload("MapScenario", "--dir", dir.toString(),
                "--maps", "READ_ONLY:0:4096:4096,READ_WRITE:0:8192:4096", "--unmap", "--hold", "2").run().assertSucceeded();
        ForkedJvm.Result masked = ForkedJvm.workload("MapScenario", "--dir", dir.toString(),
                        "--maps", "READ_ONLY:0:4096:4096,READ_WRITE:0:8192:4096", "--unmap", "--hold", "2")
                .agent("record=" + recording + ",sample=200ms,residency=200ms")
                .shellPrefix(MASK_PROC)
                .inMountNamespace()
                .run();
        assertEquals(0, masked.exitCode, masked.toString());
        assertEquals(plain.stdout, masked.stdout, "the application's output is unchanged");
        assertEquals(2, Recordings.events(recording, "mapwatch.Map").size());
        assertEquals(2, Recordings.events(recording, "mapwatch.Unmap").size());
        Map<String, String> states = new TreeMap<>();
        for (RecordedEvent e : Recordings.events(recording, "mapwatch.SourceStatus")) {
            states.put(e.getString("source"), e.getString("state"));
        }
        for (String lacking : new String[]{"maps", "stat", "meminfo"}) {
            assertEquals("UNAVAILABLE", states.get(lacking), "the agent says what it lacks: " + states);
        }
    }
}
