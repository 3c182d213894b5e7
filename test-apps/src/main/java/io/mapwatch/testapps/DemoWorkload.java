package io.mapwatch.testapps;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * What {@code mapwatch demo} runs: a small storage engine in four threads. A reader does random
 * reads over an index file mapped READ_ONLY, a journal appends records into a READ_WRITE mapping
 * and forces them, a merger maps and unmaps small segment files, and a cold reader writes a file,
 * evicts it from the page cache before mapping it, then reads it at random offsets, so that it
 * blocks in page faults that wait for the disk (every second it unmaps the file and evicts it again).
 *
 * <pre>
 * DemoWorkload --dir DIR [--index-size 128m] [--cold-size 128m] [--seconds 10]
 * </pre>
 */
public final class DemoWorkload {
    /** How long the cold reader reads its file before it unmaps it and evicts it again. */
    private static final long COLD_ROUND_NANOS = 1_000_000_000L;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path dir = args.path("dir", ".");
        long indexSize = args.bytes("index-size", "128m");
        long coldSize = args.bytes("cold-size", "128m");
        long endAt = System.nanoTime() + (long) (args.decimal("seconds", 10) * 1e9);
        Files.createDirectories(dir);
        Path index = dir.resolve("index.dat");
        DataFiles.ensure(index, indexSize);

        long[] results = new long[4];
        Thread reader = new Thread(() -> results[0] = read(index, indexSize, endAt), "index-reader");
        Thread journal = new Thread(() -> results[1] = journal(dir.resolve("journal.dat"), endAt), "journal-writer");
        Thread merger = new Thread(() -> results[2] = merge(dir, endAt), "segment-merger");
        Thread cold = new Thread(() -> results[3] = readCold(dir.resolve("cold.dat"), coldSize, endAt), "cold-reader");
        for (Thread thread : new Thread[]{reader, journal, merger, cold}) {
            thread.start();
        }
        for (Thread thread : new Thread[]{reader, journal, merger, cold}) {
            thread.join();
        }
        Report.result("index_reads", results[0]);
        Report.result("journal_forces", results[1]);
        Report.result("segments_merged", results[2]);
        Report.result("cold_reads", results[3]);
    }

    private static long read(Path index, long size, long endAt) {
        try (FileChannel channel = FileChannel.open(index, StandardOpenOption.READ)) {
            MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            SplittableRandom random = new SplittableRandom(42);
            long reads = 0;
            long sum = 0;
            while (System.nanoTime() < endAt) {
                for (int i = 0; i < 1024; i++) {
                    sum += buffer.getLong((int) random.nextLong(size - 8));
                }
                reads += 1024;
            }
            return sum == 42 ? reads + 1 : reads;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes {@code file} to the disk, then, in rounds of {@link #COLD_ROUND_NANOS} until
     * {@code endAt}: evicts it from the page cache while it is not mapped (the kernel keeps the
     * pages a live mapping holds), maps it and reads longs at random offsets, each read of a page
     * not yet back waiting for the disk in a page fault, and unmaps it. Rounds keep the file cold on
     * a disk fast enough to read all of it back in well under a second.
     */
    private static long readCold(Path file, long size, long endAt) {
        try {
            DataFiles.ensure(file, size);
            DataFiles.sync(file);
            SplittableRandom random = new SplittableRandom(7);
            long reads = 0;
            long sum = 0;
            boolean evicted = true;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                while (System.nanoTime() < endAt) {
                    evicted &= evict(file);
                    MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
                    long roundEnd = Math.min(endAt, System.nanoTime() + COLD_ROUND_NANOS);
                    while (System.nanoTime() < roundEnd) {
                        for (int i = 0; i < 256; i++) {
                            sum += buffer.getLong((int) random.nextLong(size - 8));
                        }
                        reads += 256;
                    }
                    Unmapping.unmapNow(buffer);
                }
            }
            Report.result("cold_evicted", evicted);
            return sum == 42 ? reads + 1 : reads;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Drops {@code file}'s pages from the page cache as an unprivileged user may:
     * {@code dd iflag=nocache count=0} is posix_fadvise(DONTNEED) on the whole file. False when
     * dd is not there or failed; the reads are then warm.
     */
    private static boolean evict(Path file) throws InterruptedException {
        try {
            Process dd = new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0", "status=none")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return dd.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static long journal(Path file, long endAt) {
        byte[] record = new byte[4096];
        long forces = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            MappedByteBuffer journal = channel.map(FileChannel.MapMode.READ_WRITE, 0, 16 << 20);
            while (System.nanoTime() < endAt) {
                if (journal.remaining() < 64 * record.length) {
                    journal.position(0);
                }
                int from = journal.position();
                for (int i = 0; i < 64; i++) {
                    record[i]++;
                    journal.put(record);
                }
                journal.force(from, journal.position() - from);
                forces++;
                Thread.sleep(20);
            }
            Unmapping.unmapNow(journal);
            return forces;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long merge(Path dir, long endAt) {
        long merged = 0;
        try {
            for (int i = 0; i < 16; i++) {
                DataFiles.ensure(dir.resolve("segment-" + i + ".dat"), (i + 1) * 256 * 1024L);
            }
            while (System.nanoTime() < endAt) {
                Path segment = dir.resolve("segment-" + (merged % 16) + ".dat");
                try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
                    MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
                    long sum = 0;
                    for (int p = 0; p < buffer.limit(); p += 4096) {
                        sum += buffer.get(p);
                    }
                    if (merged % 4 == 0) {
                        Unmapping.unmapNow(buffer); // the rest are left to the GC
                    }
                    merged += sum == Long.MIN_VALUE ? 2 : 1;
                }
                Thread.sleep(50);
            }
            return merged;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
