package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class PressureStallInfoTest {

    @Test
    void capturedIdleMachine() {
        PressureStallInfo p = PressureStallInfo.parse(Fixtures.proc("pressure.memory"));
        assertEquals(new PressureStallInfo(new PressureStallInfo.Stall(0, 0, 0, 0), new PressureStallInfo.Stall(0, 0, 0, 0)), p);
    }

    @Test
    void cgroupUnderPressure() {
        PressureStallInfo p = PressureStallInfo.parse(Fixtures.proc("cgroup-v2/memory.pressure"));
        assertEquals(new PressureStallInfo.Stall(1.53, 0.87, 0.31, 5183920), p.some());
        assertEquals(new PressureStallInfo.Stall(0.95, 0.52, 0.18, 3120442), p.full());
    }

    @Test
    void largeValues() {
        PressureStallInfo p = PressureStallInfo.parse("some avg10=100.00 avg60=12.5 avg300=7 total=18446744073\n");
        assertEquals(new PressureStallInfo.Stall(100.0, 12.5, 7.0, 18446744073L), p.some());
    }

    @Test
    void olderKernelsPrintNoFullLine() {
        PressureStallInfo p = PressureStallInfo.parse("some avg10=0.22 avg60=0.10 avg300=0.02 total=1201\n");
        assertEquals(0.22, p.some().avg10());
        assertSame(PressureStallInfo.Stall.UNKNOWN, p.full());
    }

    @Test
    void oddValuesAreMinusOne() {
        PressureStallInfo p = PressureStallInfo.parse("some avg10=x avg60= total=12 avg300=1.2.3 extra\nfull   avg10=0.50\n");
        assertEquals(new PressureStallInfo.Stall(-1, -1, -1, 12), p.some());
        assertEquals(new PressureStallInfo.Stall(0.5, -1, -1, -1), p.full());
        assertEquals(PressureStallInfo.UNKNOWN, PressureStallInfo.parse(""));
    }
}
