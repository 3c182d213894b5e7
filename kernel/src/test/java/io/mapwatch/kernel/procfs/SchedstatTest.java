package io.mapwatch.kernel.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SchedstatTest {

    @Test
    void capturedThreads() {
        assertEquals(new Schedstat(580083, 3297992, 2), Schedstat.parse(Fixtures.proc("task-weird-name.schedstat")));
        assertEquals(new Schedstat(522994134, 82237841, 60),
                Schedstat.parse(Fixtures.string("task-spinner.schedstat")));
    }

    @Test
    void missingOrBadFiguresAreMinusOne() {
        assertEquals(new Schedstat(-1, -1, -1), Schedstat.parse(""));
        assertEquals(new Schedstat(10, -1, -1), Schedstat.parse("10"));
        assertEquals(new Schedstat(10, -1, 3), Schedstat.parse("  10 x 3  \n"));
    }
}
