package io.mapwatch.cli.read;

import java.util.Arrays;

/**
 * Where the facts of one flush segment may go on before the segment has been read to its end:
 * after a fact that no later fact of the segment ends before. The facts between two such places
 * are sorted among themselves, and the segment is then in the order a sort of it whole would give.
 * JFR writes a segment as the buffers of its threads one after another, each in order, so such
 * places come every few hundred events, and the facts of a long segment need not all wait for its
 * end (nor be sorted together). Found from the start and duration of each event that becomes a
 * fact, before the segment is parsed: a fact ends where its event starts or, when it keeps the
 * duration, where the event ends, and ticks become nanoseconds in the same order. One per parser
 * thread, its arrays reused.
 */
final class SegmentCuts {
    /** For the n-th event that becomes a fact: the latest end of it and the events before it. */
    private long[] latest = new long[1024];
    /** For the n-th event that becomes a fact: the earliest end it may have, then the earliest of it and the events after it. */
    private long[] earliest = new long[1024];
    private int events;

    /**
     * Looks at the segment at the cursor of {@code in}, up to {@code end} or the next flush
     * checkpoint, and leaves the cursor where it was. Where the bytes are damaged, finds no place
     * (the parse then says what is wrong).
     */
    void scan(ChunkBytes in, int end, JfrChunks.Layouts layouts) {
        int from = in.position();
        events = 0;
        try {
            long latestSoFar = Long.MIN_VALUE;
            while (in.position() < end) {
                int at = in.position();
                long size = in.readLong();
                if (size <= 0 || size > end - at) {
                    events = 0;
                    return;
                }
                long typeId = in.readLong();
                EventLayout layout = layouts.of(typeId);
                if (layout != null) {
                    long start = ChunkEvent.integer(in, layout.widths[0]);
                    long stop = layout.hasDuration ? start + ChunkEvent.integer(in, layout.widths[1]) : start;
                    latestSoFar = Math.max(latestSoFar, Math.max(start, stop));
                    add(Math.min(start, stop), latestSoFar);
                } else if (typeId == JfrChunks.CHECKPOINT) {
                    in.readLong(); // start
                    in.readLong(); // duration
                    in.readLong(); // delta
                    if ((in.readByte() & JfrChunks.FLUSH) != 0) {
                        break;
                    }
                }
                in.position(at + size);
            }
            for (int i = events - 2; i >= 0; i--) {
                earliest[i] = Math.min(earliest[i], earliest[i + 1]);
            }
        } catch (DamagedChunk damaged) {
            events = 0;
        } finally {
            in.position(from);
        }
    }

    private void add(long earliestEnd, long latestEnd) {
        if (events == latest.length) {
            latest = Arrays.copyOf(latest, 2 * events);
            earliest = Arrays.copyOf(earliest, 2 * events);
        }
        latest[events] = latestEnd;
        earliest[events] = earliestEnd;
        events++;
    }

    /** Whether no fact after the {@code n}-th of the segment (from 0) ends before it or any fact before it. */
    boolean after(int n) {
        return n + 1 < events && latest[n] <= earliest[n + 1];
    }
}
