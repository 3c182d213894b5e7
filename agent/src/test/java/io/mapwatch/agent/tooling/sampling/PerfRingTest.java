package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.linux.MappedRegion;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ring buffer read as the kernel lays it out (perf_event_open(2), "MMAP layout"), written here by hand. */
class PerfRingTest {
    private static final int PAGE = 4096;
    private static final int DATA = 2 * PAGE;

    /** A ring buffer in a heap buffer, written the way the kernel writes one. */
    static final class HeapRing implements MappedRegion {
        final ByteBuffer memory = ByteBuffer.allocate(PAGE + DATA).order(ByteOrder.nativeOrder());
        long head;

        HeapRing() {
            memory.putLong(1040, PAGE);
            memory.putLong(1048, DATA);
        }

        void sample(int pid, int tid, long time, long address) {
            ByteBuffer record = ByteBuffer.allocate(PerfRing.SAMPLE_BYTES).order(ByteOrder.nativeOrder());
            record.putInt(PerfRing.RECORD_SAMPLE).putShort((short) 0).putShort((short) PerfRing.SAMPLE_BYTES)
                    .putInt(pid).putInt(tid).putLong(time).putLong(address);
            write(record.array());
        }

        void lost(long count) {
            ByteBuffer record = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
            record.putInt(PerfRing.RECORD_LOST).putShort((short) 0).putShort((short) 24).putLong(7).putLong(count);
            write(record.array());
        }

        void other(int type, int size) {
            ByteBuffer record = ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
            record.putInt(type).putShort((short) 0).putShort((short) size);
            write(record.array());
        }

        private void write(byte[] record) {
            for (byte b : record) {
                memory.put(PAGE + (int) (head++ % DATA), b);
            }
            memory.putLong(1024, head);
        }

        long tail() {
            return memory.getLong(1032);
        }

        @Override
        public long length() {
            return memory.capacity();
        }

        @Override
        public long getLong(long offset) {
            return memory.getLong((int) offset);
        }

        @Override
        public long getLongAcquire(long offset) {
            return memory.getLong((int) offset);
        }

        @Override
        public void setLongRelease(long offset, long value) {
            memory.putLong((int) offset, value);
        }

        @Override
        public void copy(long offset, byte[] into, int at, int length) {
            memory.get((int) offset, into, at, length);
        }

        @Override
        public void unmap() {
        }
    }

    /** What a drain delivered. */
    static final class Collected implements PerfRing.RecordSink {
        final List<long[]> faults = new ArrayList<>();
        long lost;

        @Override
        public void fault(int pid, int tid, long time, long address) {
            faults.add(new long[]{pid, tid, time, address});
        }

        @Override
        public void lost(long count) {
            lost += count;
        }
    }

    @Test
    void samplesAndLossesAreReadInOrderAndTheirSpaceHandedBack() {
        HeapRing memory = new HeapRing();
        PerfRing ring = new PerfRing(memory, PAGE);
        assertFalse(ring.hasRecords());
        memory.sample(100, 101, 5_000, 0x7f00_0000_1000L);
        memory.other(5, 40); // a THROTTLE record: skipped
        memory.lost(3);
        memory.sample(100, 102, 6_000, 0x7f00_0000_2000L);
        assertTrue(ring.hasRecords());

        Collected got = new Collected();
        ring.drain(got);

        assertEquals(2, got.faults.size());
        assertEquals(List.of(100L, 101L, 5_000L, 0x7f00_0000_1000L), List.of(got.faults.get(0)[0], got.faults.get(0)[1],
                got.faults.get(0)[2], got.faults.get(0)[3]));
        assertEquals(102, got.faults.get(1)[1]);
        assertEquals(3, got.lost);
        assertEquals(memory.head, memory.tail(), "data_tail moved to data_head");
        assertFalse(ring.hasRecords());
    }

    @Test
    void aRecordThatWrapsAroundTheEndReadsWhole() {
        HeapRing memory = new HeapRing();
        PerfRing ring = new PerfRing(memory, PAGE);
        Collected got = new Collected();
        int perRound = 250; // 8,040 bytes a round with the other record: the second round wraps mid-record
        long address = 0x1000;
        for (int round = 0; round < 3; round++) {
            memory.other(5, 40);
            for (int i = 0; i < perRound; i++) {
                memory.sample(1, 2, round * 1000 + i, address++);
            }
            ring.drain(got);
        }
        assertEquals(3 * perRound, got.faults.size());
        for (int i = 0; i < got.faults.size(); i++) {
            assertEquals(0x1000 + i, got.faults.get(i)[3], "sample " + i);
        }
    }
}
