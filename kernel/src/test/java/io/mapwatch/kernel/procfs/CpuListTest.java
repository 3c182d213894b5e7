package io.mapwatch.kernel.procfs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CpuListTest {
    @Test
    void rangesAndSingleCpus() {
        assertArrayEquals(new int[]{0, 1, 2, 3, 8, 10, 11}, CpuList.parse("0-3,8,10-11\n"));
        assertArrayEquals(new int[]{0}, CpuList.parse("0"));
        assertArrayEquals(new int[0], CpuList.parse(""));
    }

    @Test
    void notAListIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("3-1"));
        assertThrows(IllegalArgumentException.class, () -> CpuList.parse("cpu0"));
    }

    @Test
    void theAllowedCpusOfAJvmsStatus() {
        assertArrayEquals(new int[]{0, 1}, CpuList.allowed(Fixtures.string("jvm.status")));
        assertNull(CpuList.allowed("Name:\tjava\n"));
    }

    @Test
    void cpusInBothLists() {
        assertArrayEquals(new int[]{2, 3}, CpuList.both(new int[]{0, 2, 3}, new int[]{2, 3, 4}));
    }
}
