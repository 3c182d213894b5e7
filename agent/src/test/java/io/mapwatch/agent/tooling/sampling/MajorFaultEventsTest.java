package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MajorFaultEventsTest {
    /** The fields of struct perf_event_attr (linux/perf_event.h) an unprivileged process needs for exact major faults. */
    @Test
    void theAttributeAsthekernelReadsIt() {
        ByteBuffer attr = ByteBuffer.wrap(MajorFaultEvents.attribute(true)).order(ByteOrder.nativeOrder());
        assertEquals(MajorFaultEvents.ATTR_SIZE, attr.capacity());
        assertEquals(1, attr.getInt(0), "PERF_TYPE_SOFTWARE");
        assertEquals(112, attr.getInt(4), "size: PERF_ATTR_SIZE_VER5");
        assertEquals(6, attr.getLong(8), "PERF_COUNT_SW_PAGE_FAULTS_MAJ");
        assertEquals(1, attr.getLong(16), "sample_period: every fault");
        assertEquals(0b1110, attr.getLong(24), "sample_type: TID | TIME | ADDR");
        long flags = attr.getLong(40);
        assertEquals(1L << 1 | 1L << 5 | 1L << 6 | 1L << 25 | 1L << 35, flags,
                "inherit, exclude_kernel, exclude_hv, use_clockid, inherit_thread; enabled");
        assertEquals(32, attr.getInt(48), "wakeup_events: a poller wakes every 32 samples, not at each (an interrupt each)");
        assertTrue(attr.getInt(48) < 4096 / 32, "a wake-up comes before the smallest buffer (one page of 32-byte samples) fills");
        assertEquals(1, attr.getInt(92), "clockid: CLOCK_MONOTONIC, the clock of System.nanoTime");
        long withChildren = ByteBuffer.wrap(MajorFaultEvents.attribute(false)).order(ByteOrder.nativeOrder()).getLong(40);
        assertEquals(flags & ~(1L << 35), withChildren, "for kernels before 5.13: without inherit_thread");
    }

    @Test
    void aLockedMemoryRefusalNamesBothLimits() {
        String reason = MajorFaultEvents.whyRefused(new ErrnoException("mmap", ErrnoException.EPERM));
        assertTrue(reason.contains("kernel.perf_event_mlock_kb is ") && reason.contains("RLIMIT_MEMLOCK"), reason);
        assertTrue(reason.contains("EPERM"), reason);
    }

    @Test
    void aMissingSystemCallIsToldApartFromARefusal() {
        assertTrue(MajorFaultEvents.whyRefused(new ErrnoException("perf_event_open", ErrnoException.ENOSYS))
                .contains("does not exist here (ENOSYS)"));
        String refused = MajorFaultEvents.whyRefused(new ErrnoException("perf_event_open", ErrnoException.EACCES));
        assertTrue(refused.startsWith("perf_event_open refused with EACCES (13): kernel.perf_event_paranoid is "), refused);
    }
}
