package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

    /**
     * Missing: the threads' folder is an empty tmpfs, as in a sandbox without per-thread /proc
     * entries. The stall watcher and the per-thread counters say they are unavailable; nothing
     * claims a measured zero.
     */
    @Test
    void withoutTheThreadsFolderStallsAreUnavailableNotZero(@TempDir Path dir) throws Exception {
        assumeCanMaskProc();
        Path recording = dir.resolve("notasks.jfr");
        ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:4096:4096", "--hold", "1")
                .agent("record=" + recording + ",sample=200ms")
                .shellPrefix("mount -t tmpfs -o size=1m,mode=0755 none /proc/$$/task || exit 97")
                .inMountNamespace()
                .run().assertSucceeded();
        Map<String, RecordedEvent> sources = Recordings.lastSourceStates(recording);
        assertEquals("UNAVAILABLE", sources.get("tasks").getString("state"), "tasks: " + sources.get("tasks"));
        assertEquals("UNAVAILABLE", sources.get("stalls").getString("state"), "stalls: " + sources.get("stalls"));
        assertTrue(sources.get("stalls").getString("reason").contains("cannot be read"), sources.get("stalls").toString());
        assertEquals(List.of(), Recordings.events(recording, "mapwatch.PageFaultStall"));
        assertEquals(List.of(), Recordings.events(recording, "mapwatch.ThreadPageFaults"));
        assertTrue(!Recordings.events(recording, "mapwatch.PageFaults").isEmpty(), "the process's counters still work");
    }

    /**
     * Permission denied: the JVM runs as nobody, and the files it would read are a root-owned
     * folder and files it may not open. Each figure that depends on them is -1 or absent, each
     * source says why, and the application runs as before.
     */
    @Test
    void permissionDeniedGivesUnavailableAndMinusOne(@TempDir Path dir) throws Exception {
        assumeCanMaskProc();
        assumeTrue(Files.isExecutable(Paths.get("/usr/bin/setpriv")), "needs setpriv from util-linux");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path recording = dir.resolve("denied.jfr");
        String denied = dir.resolve("denied").toString();
        ForkedJvm.Result result = ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:4096:4096",
                        "--hold", "1")
                .agent("record=" + recording + ",sample=200ms")
                .shellPrefix("touch " + denied + " && chmod 000 " + denied
                        + " && mount -t tmpfs -o size=1m,mode=0700 none /proc/$$/task"
                        + " && for f in maps stat status; do mount --bind " + denied + " /proc/$$/$f; done || exit 97")
                .inMountNamespace()
                .asUser("65534")
                .run();
        assertEquals(0, result.exitCode, result.toString());
        Map<String, RecordedEvent> sources = Recordings.lastSourceStates(recording);
        for (String source : new String[]{"tasks", "stalls", "maps", "stat"}) {
            assertEquals("UNAVAILABLE", sources.get(source).getString("state"), source + ": " + sources.get(source));
        }
        assertTrue(sources.get("maps").getString("reason").contains("/proc/self/maps"), sources.get("maps").toString());
        List<RecordedEvent> inventory = Recordings.events(recording, "mapwatch.MappedMemory");
        assertTrue(!inventory.isEmpty());
        for (RecordedEvent e : inventory) {
            assertEquals(-1, e.getLong("mapCount"), "mapCount not measured, not 0");
            assertEquals(-1, e.getLong("untrackedCount"), "untrackedCount not measured, not 0");
            assertEquals(-1, e.getLong("rssFile"), "rssFile not measured, not 0");
        }
        assertEquals(List.of(), Recordings.events(recording, "mapwatch.PageFaults"), "no fault counts without /proc/self/stat");
        assertEquals(1, Recordings.events(recording, "mapwatch.Map").size(), "the lifecycle events still work");
    }
}
