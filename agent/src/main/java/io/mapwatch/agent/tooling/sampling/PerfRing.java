package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.linux.MappedRegion;
import io.mapwatch.kernel.procfs.NativeBytes;


/**
 * One perf ring buffer (perf_event_open(2), "MMAP layout"): a header page, then 2^n data pages the
 * kernel writes records into. The kernel moves {@code data_head} after it wrote a record; the
 * reader reads {@code data_head} with acquire semantics, reads the records up to it and then
 * moves {@code data_tail} with release semantics, which hands the space back. Nothing here makes
 * a system call: the buffer is mapped memory.
 *
 * <p>The records read are those of the major-fault events ({@link MajorFaultEvents}): a sample
 * (TID, TIME, ADDR) or a count of samples lost because the buffer was full.
 */
final class PerfRing {
    private static final long DATA_HEAD = 1024;
    private static final long DATA_TAIL = 1032;
    private static final long DATA_OFFSET = 1040;
    private static final long DATA_SIZE = 1048;
    static final int RECORD_LOST = 2;
    static final int RECORD_SAMPLE = 9;
    static final int HEADER_BYTES = 8;
    /** {@code PERF_RECORD_SAMPLE} with sample_type TID | TIME | ADDR: header, pid, tid, time, addr. */
    static final int SAMPLE_BYTES = HEADER_BYTES + 4 + 4 + 8 + 8;

    /** Receives the records of a ring. */
    interface RecordSink {
        /** A major fault of thread {@code tid} of process {@code pid} at {@code address}, at CLOCK_MONOTONIC {@code time}. */
        void fault(int pid, int tid, long time, long address);

        /** The kernel dropped {@code count} samples: the buffer was full. */
        void lost(long count);
    }

    private final MappedRegion region;
    private final long dataOffset;
    private final long dataSize;
    private final byte[] copy;

    PerfRing(MappedRegion region, long pageSize) {
        this.region = region;
        long offset = region.getLong(DATA_OFFSET);
        long size = region.getLong(DATA_SIZE);
        if (size == 0) { // kernels before 4.1 do not say: the data follow the header page
            offset = pageSize;
            size = region.length() - pageSize;
        }
        this.dataOffset = offset;
        this.dataSize = size;
        this.copy = new byte[(int) size];
    }

    MappedRegion region() {
        return region;
    }

    /** Whether records wait to be read: two reads of memory. */
    boolean hasRecords() {
        return region.getLongAcquire(DATA_HEAD) != region.getLong(DATA_TAIL);
    }

    /** Reads every record written so far into {@code sink} and frees their space; the number of bytes read. */
    int drain(RecordSink sink) {
        long head = region.getLongAcquire(DATA_HEAD);
        long tail = region.getLong(DATA_TAIL);
        long available = head - tail;
        if (available <= 0) {
            return 0;
        }
        if (available > dataSize) { // the kernel never overwrites unread records; do not trust a head that says so
            tail = head - dataSize;
            available = dataSize;
        }
        int from = (int) (tail % dataSize);
        int first = (int) Math.min(available, dataSize - from);
        region.copy(dataOffset + from, copy, 0, first);
        if (first < available) {
            region.copy(dataOffset, copy, first, (int) (available - first));
        }
        parse(copy, (int) available, sink);
        region.setLongRelease(DATA_TAIL, head);
        return (int) available;
    }

    /** The records in the first {@code length} bytes of {@code bytes} (native order), in order. */
    static void parse(byte[] bytes, int length, RecordSink sink) {
        int at = 0;
        while (at + HEADER_BYTES <= length) {
            int type = NativeBytes.getInt(bytes, at);
            int size = NativeBytes.getShort(bytes, at + 6) & 0xffff;
            if (size < HEADER_BYTES || at + size > length) {
                return; // not a record: the rest cannot be framed
            }
            if (type == RECORD_SAMPLE && size >= SAMPLE_BYTES) {
                sink.fault(NativeBytes.getInt(bytes, at + 8), NativeBytes.getInt(bytes, at + 12), NativeBytes.getLong(bytes, at + 16),
                        NativeBytes.getLong(bytes, at + 24));
            } else if (type == RECORD_LOST && size >= HEADER_BYTES + 16) {
                sink.lost(NativeBytes.getLong(bytes, at + 16));
            }
            at += size;
        }
    }
}
