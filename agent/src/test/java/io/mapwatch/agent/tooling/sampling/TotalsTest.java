package io.mapwatch.agent.tooling.sampling;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TotalsTest {
    @Test
    void countersAreMinusOneUntilFirstMeasured() {
        Totals totals = new Totals();
        assertEquals(-1, totals.minorFaults());
        assertEquals(-1, totals.majorFaults());
        assertEquals(-1, totals.stallMillis());
    }

    @Test
    void theFirstMeasurementCountsFromZero() {
        Totals totals = new Totals();
        Totals.count(totals.minorFaults, 0);
        Totals.count(totals.majorFaults, 7);
        assertEquals(0, totals.minorFaults(), "measured, none");
        assertEquals(7, totals.majorFaults());
        Totals.count(totals.majorFaults, 3);
        assertEquals(10, totals.majorFaults());
    }

    @Test
    void stallTimeIsShownInWholeMilliseconds() {
        Totals totals = new Totals();
        Totals.count(totals.stallNanos, 0);
        assertEquals(0, totals.stallMillis());
        Totals.count(totals.stallNanos, 2_999_999);
        assertEquals(2, totals.stallMillis());
    }
}
