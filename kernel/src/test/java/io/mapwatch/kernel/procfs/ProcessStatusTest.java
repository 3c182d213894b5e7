package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcessStatusTest {
    private static final long KB = 1024;

    @Test
    void capturedJvm() {
        ProcessStatus s = ProcessStatus.parse(Fixtures.proc("jvm.status"));
        assertEquals(new ProcessStatus("java", 0, 21, 8976476 * KB, 40680 * KB, 19304 * KB, 21376 * KB, 0, 0), s);
        assertEquals(s, ProcessStatus.parse(Fixtures.string("jvm.status")));
    }

    @Test
    void kernelThreadHasNoMemoryLines() {
        ProcessStatus s = ProcessStatus.parse("Name:\tkworker/0:1-events\nUmask:\t0000\nState:\tI (idle)\n"
                + "Uid:\t0\t0\t0\t0\nThreads:\t1\nSigQ:\t0/96364\n");
        assertEquals(new ProcessStatus("kworker/0:1-events", 0, 1, -1, -1, -1, -1, -1, -1), s);
    }

    @Test
    void nameWithBlanksAndParentheses() {
        ProcessStatus s = ProcessStatus.parse(
                "Name:\tmy (weird) proc\nUid:\t1000\t1001\t1002\t1003\nVmRSS:\t  12 kB  \n");
        assertEquals("my (weird) proc", s.name());
        assertEquals(1000, s.uid());
        assertEquals(12 * KB, s.vmRss());
    }

    @Test
    void emptyOrOddText() {
        assertEquals(new ProcessStatus(null, -1, -1, -1, -1, -1, -1, -1, -1), ProcessStatus.parse(""));
        ProcessStatus s = ProcessStatus.parse("VmSize:\n  VmRSS: 5 kB\nRssFile: x kB\nThreads 4\nVmSwap:  3 MB\n");
        assertEquals(-1, s.vmSize());
        assertEquals(-1, s.vmRss());
        assertEquals(-1, s.rssFile());
        assertEquals(4, s.threads());
        assertEquals(-1, s.vmSwap());
    }
}
