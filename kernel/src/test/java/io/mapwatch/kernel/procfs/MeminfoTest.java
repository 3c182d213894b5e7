package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MeminfoTest {
    private static final long KB = 1024;

    @Test
    void capturedMeminfo() {
        Meminfo m = Meminfo.parse(Fixtures.proc("meminfo"));
        assertEquals(new Meminfo(24683620 * KB, 23515400 * KB, 834672 * KB, 54428 * KB, 972 * KB, 0, 8952 * KB), m);
        assertEquals(m, Meminfo.parse(Fixtures.string("meminfo")));
    }

    @Test
    void similarKeysAreNotConfused() {
        Meminfo m = Meminfo.parse("WritebackTmp:  9 kB\nShmemHugePages: 8 kB\nSwapCached: 7 kB\nCached: 1 kB\n");
        assertEquals(-1, m.writeback());
        assertEquals(-1, m.shmem());
        assertEquals(KB, m.cached());
    }

    @Test
    void missingFieldsAreMinusOne() {
        assertEquals(new Meminfo(-1, -1, -1, -1, -1, -1, -1), Meminfo.parse(""));
        Meminfo old = Meminfo.parse("MemTotal:  2048 kB\nMemFree:  1024 kB\n");
        assertEquals(2048 * KB, old.memTotal());
        assertEquals(-1, old.memAvailable());
    }
}
