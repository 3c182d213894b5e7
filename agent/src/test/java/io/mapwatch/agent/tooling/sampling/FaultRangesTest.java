package io.mapwatch.agent.tooling.sampling;

import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FaultRangesTest {
    private static final long MIB = 1L << 20;
    private static final long MS = 1_000_000;
    private static final String FILE = "/data/index.dat";

    @Test
    void aFileIsSplitIntoAtMost64RangesOfAPowerOfTwo() {
        assertEquals(8 * MIB, FaultRanges.rangeLength(512 * MIB));
        assertEquals(16 * MIB, FaultRanges.rangeLength(512 * MIB + 1), "one byte more: twice the length");
        assertEquals(4096, FaultRanges.rangeLength(64 * 1024), "never below a page");
        assertEquals(4096, FaultRanges.rangeLength(1));
    }

    @Test
    void faultsCountPerRangeAndThreadForOnePeriod() {
        FaultRanges ranges = new FaultRanges(20 * MS);
        ranges.fault(7, 1, FILE, true, 128 * MIB, 8 * MIB);
        ranges.fault(7, 2, FILE, true, 128 * MIB, 8 * MIB);
        ranges.fault(8, 3, FILE, true, 128 * MIB, 8 * MIB);
        ranges.fault(7, 4, null, false, -1, -1);
        List<FaultRanges.Counted> period = sorted(ranges.takePeriod());
        assertEquals(List.of(
                new FaultRanges.Counted(null, false, 7, -1, -1, 1, 0),
                new FaultRanges.Counted(FILE, true, 7, 128 * MIB, 8 * MIB, 2, 0),
                new FaultRanges.Counted(FILE, true, 8, 128 * MIB, 8 * MIB, 1, 0)), period);
        assertEquals(List.of(), ranges.takePeriod(), "the next period starts from nothing");
    }

    @Test
    void aStallGoesToTheRangesTheThreadFaultedOnDuringItAndOnePeriodBefore() {
        FaultRanges ranges = new FaultRanges(20 * MS);
        ranges.fault(7, 50 * MS, FILE, true, 0, 8 * MIB); // before the window: not the stall's
        ranges.fault(7, 85 * MS, FILE, true, 8 * MIB, 8 * MIB); // within one period before the start
        ranges.stallStarted(7, 100 * MS, 0);
        ranges.fault(7, 120 * MS, FILE, true, 8 * MIB, 8 * MIB);
        ranges.fault(7, 130 * MS, FILE, true, 16 * MIB, 8 * MIB);
        ranges.fault(8, 130 * MS, FILE, true, 16 * MIB, 8 * MIB); // another thread: not its stall
        ranges.fault(7, 190 * MS, FILE, true, 16 * MIB, 8 * MIB); // after the end, read before it was seen
        ranges.stallEnded(7, 160 * MS, 30 * MS);

        List<FaultRanges.Counted> period = sorted(ranges.takePeriod());
        assertEquals(List.of(
                new FaultRanges.Counted(FILE, true, 7, 0, 8 * MIB, 1, 0),
                new FaultRanges.Counted(FILE, true, 7, 8 * MIB, 8 * MIB, 2, 20 * MS),
                new FaultRanges.Counted(FILE, true, 7, 16 * MIB, 8 * MIB, 2, 10 * MS),
                new FaultRanges.Counted(FILE, true, 8, 16 * MIB, 8 * MIB, 1, 0)), period,
                "30 ms blocked in a 60 ms stall: two faults in [8, 16) MiB, one in [16, 24) MiB");
    }

    @Test
    void aThreadSampledFastHasItsStallTiedToTheFaultsSinceItWasLastSeenRunning() {
        FaultRanges ranges = new FaultRanges(20 * MS);
        ranges.fault(7, 97 * MS, FILE, true, 0, 8 * MIB); // ended before the look at 98 ms saw it running
        ranges.stallStarted(7, 99 * MS, 98 * MS);
        ranges.fault(7, 99_500_000, FILE, true, 8 * MIB, 8 * MIB);
        ranges.stallEnded(7, 100 * MS, MS);

        List<FaultRanges.Counted> period = sorted(ranges.takePeriod());
        assertEquals(List.of(
                new FaultRanges.Counted(FILE, true, 7, 0, 8 * MIB, 1, 0),
                new FaultRanges.Counted(FILE, true, 7, 8 * MIB, 8 * MIB, 1, MS)), period,
                "the 1 ms stall goes to the fault it was seen in, not to the one before the previous look");
    }

    @Test
    void aStallWithoutFaultsOfItsThreadStaysUnattributed() {
        FaultRanges ranges = new FaultRanges(20 * MS);
        ranges.fault(8, 110 * MS, FILE, true, 0, 8 * MIB);
        ranges.stallStarted(7, 100 * MS, 0);
        ranges.stallEnded(7, 200 * MS, 100 * MS);
        assertEquals(List.of(new FaultRanges.Counted(FILE, true, 8, 0, 8 * MIB, 1, 0)), ranges.takePeriod());
    }

    @Test
    void aStallThatEndsInALaterPeriodIsReportedThenOnTheRangeItFaultedOn() {
        FaultRanges ranges = new FaultRanges(20 * MS);
        ranges.stallStarted(7, 100 * MS, 0);
        ranges.fault(7, 110 * MS, FILE, true, 0, 8 * MIB);
        assertEquals(List.of(new FaultRanges.Counted(FILE, true, 7, 0, 8 * MIB, 1, 0)), ranges.takePeriod());
        assertEquals(List.of(), ranges.takePeriod(), "a quiet period: the range is dropped");
        ranges.stallEnded(7, 1100 * MS, 1000 * MS);
        assertEquals(List.of(new FaultRanges.Counted(FILE, true, 7, 0, 8 * MIB, 0, 1000 * MS)), ranges.takePeriod());
    }

    @Test
    void withoutTheStallWatcherStallTimeIsNotMeasured() {
        FaultRanges ranges = new FaultRanges(0);
        ranges.fault(7, 1, FILE, true, 0, 8 * MIB);
        ranges.stallStarted(7, 0, 0);
        ranges.stallEnded(7, 100 * MS, 100 * MS);
        assertEquals(List.of(new FaultRanges.Counted(FILE, true, 7, 0, 8 * MIB, 1, -1)), ranges.takePeriod());
    }

    private static List<FaultRanges.Counted> sorted(List<FaultRanges.Counted> counted) {
        return counted.stream().sorted(Comparator.comparingInt(FaultRanges.Counted::tid)
                .thenComparingLong(FaultRanges.Counted::offset)).collect(Collectors.toList());
    }
}
