package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CgroupLocationTest {
    private static final String V1_MEMORY_MOUNT =
            "34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n";
    private static final String V2_MOUNT = "40 30 0:37 / /sys/fs/cgroup rw,relatime shared:9 - cgroup2 cgroup2 rw\n";

    private static CgroupLocation locate(String fixture) {
        return CgroupLocation.locate(Fixtures.proc(fixture + ".cgroup"), Fixtures.proc(fixture + ".mountinfo"));
    }

    /** {@code /proc/PID/cgroup} and {@code /proc/PID/mountinfo} text that locates the memory cgroup of that version in that directory. */
    private static void assertLocated(int version, String directory, String cgroup, String mountinfo) {
        assertEquals(new CgroupLocation(version, Path.of(directory)), CgroupLocation.locate(cgroup, mountinfo));
    }

    @Test
    void hybridHostUsesTheV1MemoryController() {
        // This machine: v1 controllers and a cgroup2 mount at /sys/fs/cgroup/unified without the memory controller.
        Path expected = Path.of("/sys/fs/cgroup/memory/process_api/81bb4be3636d430633f3a0a9f12dd9a2");
        assertEquals(new CgroupLocation(1, expected), locate("v1-hybrid"));
    }

    @Test
    void v1ContainerWhoseMountRootIsItsOwnCgroup() {
        assertEquals(new CgroupLocation(1, Path.of("/sys/fs/cgroup/memory")), locate("v1-docker"));
    }

    @Test
    void v2ContainerWithItsOwnNamespace() {
        assertEquals(new CgroupLocation(2, Path.of("/sys/fs/cgroup")), locate("v2-container"));
    }

    @Test
    void v2HostServiceIsNested() {
        assertEquals(new CgroupLocation(2, Path.of("/sys/fs/cgroup/system.slice/kafka.service")), locate("v2-host"));
    }

    @Test
    void combinedV1Controllers() {
        assertLocated(1, "/sys/fs/cgroup/cpu,memory/batch/job 7", "5:cpu,memory:/batch/job 7\n",
                "31 30 0:28 / /sys/fs/cgroup/cpu,memory rw - cgroup cgroup rw,cpu,memory\n");
    }

    @Test
    void v1PathBelowANestedMountRoot() {
        assertLocated(1, "/sys/fs/cgroup/memory/pod1/abc", "4:memory:/kubepods/burstable/pod1/abc\n",
                "701 696 0:36 /kubepods/burstable /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n");
    }

    @Test
    void rootMustMatchWholePathSegments() {
        assertLocated(1, "/sys/fs/cgroup/memory/docker/abcdef", "4:memory:/docker/abcdef\n",
                "1 0 0:1 /docker/abc /mnt/wrong ro - cgroup cgroup rw,memory\n"
                        + "2 0 0:1 / /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n");
    }

    @Test
    void pathOutsideTheMountRootResolvesToTheMountPoint() {
        assertLocated(2, "/sys/fs/cgroup", "0::/../../kubepods/pod1\n", V2_MOUNT);
    }

    @Test
    void escapedBlanksInTheMountPoint() {
        assertLocated(2, "/mnt/cgroup two/a", "0::/a\n",
                "40 30 0:37 / /mnt/cgroup\\040two rw - cgroup2 cgroup2 rw\n");
    }

    @Test
    void onlyV2WithTheV1MemoryHierarchyUnmounted() {
        assertLocated(2, "/sys/fs/cgroup/user.slice", "4:memory:/x\n0::/user.slice\n", V2_MOUNT);
    }

    @Test
    void noMemoryCgroup() {
        assertNull(CgroupLocation.locate("", ""));
        assertNull(CgroupLocation.locate("4:memory:/x\n", ""));
        assertNull(CgroupLocation.locate("3:cpuset:/\n", V1_MEMORY_MOUNT));
        assertNull(CgroupLocation.locate("0::/\n", V1_MEMORY_MOUNT));
        assertNull(CgroupLocation.locate("garbage\n::\n", "short line\n1 2 3 4 5 6 - \n"));
        assertNull(CgroupLocation.locate("0::/\n", "40 30 0:37 / /sys/fs/\0cgroup rw - cgroup2 cgroup2 rw\n"));
    }

    @Test
    void thisProcess() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/self/cgroup")), "no /proc");
        CgroupLocation l = CgroupLocation.read(Path.of("/proc/self"));
        Assumptions.assumeTrue(l != null, "not in a memory cgroup");
        assertTrue(Files.isDirectory(l.directory()), l.toString());
    }
}
