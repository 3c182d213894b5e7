package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * What {@code mapwatch demo} runs: a small storage engine in three threads. A reader does random
 * reads over an index file mapped READ_ONLY, a journal appends records into a READ_WRITE mapping
 * and forces them, and a merger maps and unmaps small segment files.
 *
 * <pre>
 * DemoWorkload --dir DIR [--index-size 128m] [--seconds 10]
 * </pre>
 */
public final class DemoWorkload {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path dir = args.path("dir", ".");
        long indexSize = args.bytes("index-size", "128m");
        long endAt = System.nanoTime() + (long) (args.decimal("seconds", 10) * 1e9);
        Files.createDirectories(dir);
        Path index = dir.resolve("index.dat");
        DataFiles.ensure(index, indexSize);

        long[] results = new long[3];
        Thread reader = new Thread(() -> results[0] = read(index, indexSize, endAt), "index-reader");
        Thread journal = new Thread(() -> results[1] = journal(dir.resolve("journal.dat"), endAt), "journal-writer");
        Thread merger = new Thread(() -> results[2] = merge(dir, endAt), "segment-merger");
        reader.start();
        journal.start();
        merger.start();
        reader.join();
        journal.join();
        merger.join();
        Report.result("index_reads", results[0]);
        Report.result("journal_forces", results[1]);
        Report.result("segments_merged", results[2]);
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
