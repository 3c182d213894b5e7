package io.mapwatch.testapps;

import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * Random reads over a large file mapped READ_ONLY in chunks of at most 1 GiB, the access pattern
 * of a search index. Single-value reads by default; {@code --bulk N} copies N bytes per read into
 * a byte array instead (the access the agent can time).
 *
 * <pre>
 * RandomReads --file PATH [--size 256m] [--threads 1] [--warmup 2] [--seconds 5 | --reads N] [--bulk 0]
 *             [--start-file PATH] [--hold 0] [--ready-file PATH] [--idle-threads 0]
 *             [--chunk 1g] [--touch] [--map-every-ms 0] [--measure-at S]
 * </pre>
 * {@code --chunk} sets the size of each mapping (4m over 4g gives 1,024 mappings); {@code --touch}
 * reads every page once before measuring, so that all of it is resident; {@code --map-every-ms}
 * maps one more page that often on a thread of its own and reports those maps' latency
 * ({@link MapLatency}).
 * With {@code --start-file} it maps, prints {@code mapped=true} and waits for that file before
 * reading. Its reader threads ({@code reader-N}) and {@code --idle-threads} sleeping threads
 * ({@code idle-N}) stay alive until the hold ends, so that per-thread counters never lose a thread.
 * Prints {@code reads}, {@code reads_per_sec} and a {@code checksum} of the bytes read; with
 * {@code --reads N} each thread makes exactly N reads, so the checksum is the same on every run.
 * With {@code --hold S} it stays alive S seconds after the measurement (mappings still live) so
 * that a test can read /proc from outside.
 * <p>
 * {@code --measure-at S} replaces {@code --warmup}: the measured window starts S seconds after this
 * JVM started ({@link MeasuredWindow}), so that the two runs of a benchmark pair measure the same
 * seconds however long each one's start-up, mapping and touching took.
 */
public final class RandomReads {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        DataFile data = DataFile.of(args, "mapwatch-random-reads.dat", "256m");
        Path file = data.path();
        long size = data.size();
        int threads = args.integer("threads", 1);
        int bulk = args.integer("bulk", 0);
        long chunk = Math.min(args.bytes("chunk", "1g"), 1L << 30);

        MappedByteBuffer[] chunks;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            int count = (int) ((size + chunk - 1) / chunk);
            chunks = new MappedByteBuffer[count];
            for (int i = 0; i < count; i++) {
                long position = i * chunk;
                chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, position, Math.min(chunk, size - position));
            }
        }
        Report.result("pid", ProcessHandle.current().pid());
        Report.result("mapped_bytes", size);
        Report.result("mappings", chunks.length);
        if (args.flag("touch")) {
            Report.result("touched_bytes", touch(chunks));
        }
        MapLatency mapper = MapLatency.start(file, args.integer("map-every-ms", 0));
        CountDownLatch released = new CountDownLatch(1);
        for (int i = 0; i < args.integer("idle-threads", 0); i++) {
            String name = "idle-" + i;
            Thread idle = new Thread(() -> awaitQuietly(released), name);
            idle.setDaemon(true);
            idle.start();
        }
        Path start = args.path("start-file", null);
        if (start != null) {
            Report.result("mapped", true);
            System.out.flush();
            Hold.awaitFile(start);
        }
        CountDownLatch done = new CountDownLatch(threads);

        LongAdder reads = new LongAdder();
        long[] sums = new long[threads];
        long fixedReads = Long.parseLong(args.string("reads", "0"));
        long measureNanos = (long) (args.decimal("seconds", 5) * 1e9);
        long startAt = fixedReads > 0 ? System.nanoTime() : MeasuredWindow.start(args, 2);
        long endAt = startAt + measureNanos;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                sums[id] = fixedReads > 0
                        ? readCount(chunks, chunk, size, bulk, id, fixedReads, reads)
                        : readLoop(chunks, chunk, size, bulk, id, startAt, endAt, reads);
                done.countDown();
                awaitQuietly(released);
            }, "reader-" + t);
            workers[t].start();
        }
        done.await();
        long total = reads.sum();
        Report.result("reads", total);
        if (fixedReads == 0) {
            Report.result("reads_per_sec", total / (measureNanos / 1e9));
        }
        long checksum = 0;
        for (long s : sums) {
            checksum += s;
        }
        Report.result("checksum", checksum);
        if (mapper != null) {
            mapper.stopAndReport();
        }
        Hold.signalAndHold(args);
        released.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        Report.result("live_chunks", chunks.length); // keeps the mappings reachable while holding
    }

    /** Reads one long of every page, so that the whole mapping is resident; returns the bytes covered. */
    private static long touch(MappedByteBuffer[] chunks) {
        long covered = 0;
        long sum = 0;
        for (MappedByteBuffer chunk : chunks) {
            for (int offset = 0; offset <= chunk.limit() - 8; offset += 4096) {
                sum += chunk.getLong(offset);
            }
            covered += chunk.limit();
        }
        Report.result("touch_checksum", sum);
        return covered;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long readCount(MappedByteBuffer[] chunks, long chunkSize, long size, int bulk, int seed, long count, LongAdder reads) {
        SplittableRandom random = new SplittableRandom(seed * 7919L + 17);
        byte[] copy = new byte[Math.max(bulk, 1)];
        long sum = 0;
        for (long i = 0; i < count; i++) {
            sum += readOne(chunks, chunkSize, size, bulk, random, copy);
        }
        reads.add(count);
        return sum;
    }

    private static long readOne(MappedByteBuffer[] chunks, long chunkSize, long size, int bulk,
                                SplittableRandom random, byte[] copy) {
        long position = random.nextLong(size - Math.max(bulk, 8));
        ByteBuffer chunk = chunks[(int) (position / chunkSize)];
        int offset = (int) (position % chunkSize);
        if (offset > chunk.limit() - Math.max(bulk, 8)) {
            offset = chunk.limit() - Math.max(bulk, 8);
        }
        if (bulk > 0) {
            chunk.get(offset, copy, 0, bulk);
            return copy[bulk - 1];
        }
        return chunk.getLong(offset);
    }

    private static long readLoop(MappedByteBuffer[] chunks, long chunkSize, long size, int bulk, int seed,
                                 long startAt, long endAt, LongAdder reads) {
        SplittableRandom random = new SplittableRandom(seed * 7919L + 17);
        byte[] copy = new byte[Math.max(bulk, 1)];
        long sum = 0;
        long counted = 0;
        boolean measuring = false;
        while (true) {
            for (int i = 0; i < 256; i++) {
                sum += readOne(chunks, chunkSize, size, bulk, random, copy);
            }
            long now = System.nanoTime();
            if (measuring) {
                counted += 256;
                if (now >= endAt) {
                    reads.add(counted);
                    return sum;
                }
            } else if (now >= startAt) {
                measuring = true;
            }
        }
    }
}
