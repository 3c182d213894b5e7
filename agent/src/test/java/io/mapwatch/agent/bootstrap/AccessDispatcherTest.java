package io.mapwatch.agent.bootstrap;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The sampling rule, and what the dispatcher does where it cannot see the mapped-buffer field. */
class AccessDispatcherTest {
    private static final int DRAWS = 1_000_000;

    @Test
    void copiesOfTheAlwaysTimedSizeOrMoreAreAlwaysTimed() {
        for (long bytes : new long[] {AccessDispatcher.ALWAYS_TIMED_BYTES, 1 << 20, Integer.MAX_VALUE, Long.MAX_VALUE}) {
            assertEquals(10_000, timedOutOf(10_000, bytes), bytes + " bytes");
        }
    }

    @Test
    void emptyCopiesAreNeverTimed() {
        assertEquals(0, timedOutOf(DRAWS, 0));
    }

    @Test
    void smallCopiesAreTimedInProportionToTheirSize() {
        for (long bytes : new long[] {512, 4096, 32 << 10, AccessDispatcher.ALWAYS_TIMED_BYTES - 1}) {
            double expected = (double) DRAWS * bytes / AccessDispatcher.SAMPLING_SPAN;
            double sigma = Math.sqrt(expected);
            long timed = timedOutOf(DRAWS, bytes);
            // Eight standard deviations: a binomial count that never fails by chance, yet catches a wrong rate.
            assertTrue(Math.abs(timed - expected) < 8 * sigma + 1,
                    bytes + " bytes: " + timed + " timed of " + DRAWS + ", expected about " + expected);
        }
    }

    @Test
    void withoutTheOpenedFieldNothingIsTakenForMapped() {
        assumeFalse(ByteBuffer.class.getModule().isOpen("java.nio", AccessDispatcher.class.getModule()),
                "this JVM opens java.nio to the tests");
        assertFalse(AccessDispatcher.canCheckBuffers());
    }

    @Test
    void copiesOfHeapBuffersAndSegmentsOfOtherKindsAreNotTimed() {
        assertFalse(AccessDispatcher.isMapped(ByteBuffer.allocate(16)));
        assertNull(AccessDispatcher.segmentReadStarting(new Object(), null, 1 << 20));
        assertNull(AccessDispatcher.segmentWriteStarting(null, null, 1 << 20));
    }

    private static long timedOutOf(int draws, long bytes) {
        long timed = 0;
        for (int i = 0; i < draws; i++) {
            if (AccessDispatcher.timed(bytes)) {
                timed++;
            }
        }
        return timed;
    }
}
