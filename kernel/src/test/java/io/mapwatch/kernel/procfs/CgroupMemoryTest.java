package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CgroupMemoryTest {
    private static final CgroupMemoryStat NOTHING = new CgroupMemoryStat(-1, -1, -1, -1, -1, -1);

    @Test
    void capturedV1Cgroup() {
        CgroupMemory m = new CgroupMemoryReader(new CgroupLocation(1, Fixtures.path("cgroup-v1"))).read();
        assertEquals(1, m.version());
        assertEquals(-1, m.limit(), "9223372036854771712 means no limit");
        assertEquals(58478592, m.usage());
        assertEquals(new CgroupMemoryStat(54947840, 200704, 2416640, 22716416, 32231424, 14372), m.stat());
        assertEquals(PressureStallInfo.UNKNOWN, m.pressure());
    }

    @Test
    void constructedV2Container() {
        CgroupMemory m = new CgroupMemoryReader(new CgroupLocation(2, Fixtures.path("cgroup-v2"))).read();
        assertEquals(2, m.version());
        assertEquals(2L << 30, m.limit());
        assertEquals(1272975360, m.usage());
        assertEquals(new CgroupMemoryStat(838860800, 629145600, 402653184, 629145600, 209715200, 48213), m.stat());
        assertEquals(3120442, m.pressure().full().totalMicros());
    }

    @Test
    void missingFilesAreMinusOne() {
        Path nowhere = Path.of("/nonexistent/cgroup");
        assertEquals(new CgroupMemory(1, -1, -1, NOTHING, PressureStallInfo.UNKNOWN),
                new CgroupMemoryReader(new CgroupLocation(1, nowhere)).read());
        assertEquals(new CgroupMemory(2, -1, -1, NOTHING, PressureStallInfo.UNKNOWN),
                new CgroupMemoryReader(new CgroupLocation(2, nowhere)).read());
    }

    @Test
    void limits() {
        assertEquals(-1, CgroupMemoryReader.parseV1Limit("9223372036854771712\n"));
        assertEquals(-1, CgroupMemoryReader.parseV1Limit(String.valueOf(1L << 62)));
        assertEquals(536870912, CgroupMemoryReader.parseV1Limit("536870912\n"));
        assertEquals(-1, CgroupMemoryReader.parseV2Max("max\n"));
        assertEquals(4294967296L, CgroupMemoryReader.parseV2Max("4294967296\n"));
        assertEquals(-1, CgroupMemoryReader.parseV2Max(""));
        assertEquals(-1, CgroupMemoryReader.parseBytes("-5"));
        assertEquals(12, CgroupMemoryReader.parseBytes("  12  \n"));
    }

    @Test
    void v1HierarchicalTotalsWinOverTheCgroupsOwn() {
        CgroupMemoryStat s = CgroupMemoryStat.parseV1("cache 100\nmapped_file 10\nworkingset_refault 3\n"
                + "total_cache 400\ntotal_mapped_file 40\ntotal_workingset_refault 12\n");
        assertEquals(new CgroupMemoryStat(400, 40, -1, -1, -1, 12), s);
    }

    @Test
    void v1OfAnOldKernelWithoutTotals() {
        CgroupMemoryStat s = CgroupMemoryStat.parseV1("cache 100\nrss 50\nmapped_file 10\nworkingset_refault 3\n"
                + "inactive_file 60\nactive_file 40\n");
        assertEquals(new CgroupMemoryStat(100, 10, 50, 40, 60, 3), s);
    }

    @Test
    void v2OfAKernelBefore59() {
        CgroupMemoryStat s = CgroupMemoryStat.parseV2("anon 1\nfile 2\nfile_mapped 3\nworkingset_refault 4\n"
                + "workingset_activate 5\n");
        assertEquals(new CgroupMemoryStat(2, 3, 1, -1, -1, 4), s);
    }

    @Test
    void emptyStat() {
        assertEquals(NOTHING, CgroupMemoryStat.parseV1(""));
        assertEquals(NOTHING, CgroupMemoryStat.parseV2("garbage\nfile lots\n"));
    }
}
