package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Starts and ends many threads in waves, as a service that runs for months does with its pools and
 * per-request threads: {@code --threads} in all, {@code --wave} alive at once for {@code --wave-millis}.
 * Every {@code --faulting}th thread of a wave reads {@code --pages} pages spread over the mapped
 * {@code --file} before it waits (page faults; major ones when the file is cold), so that fault
 * samplers have a reason to look at the threads while they live.
 *
 * <pre>
 * ThreadChurn --file PATH [--size 256m] [--threads 10000] [--wave 500] [--wave-millis 500]
 *             [--faulting 20] [--pages 4] [--checkpoint-every 2000] [--checkpoint-dir DIR]
 * </pre>
 * With {@code --checkpoint-dir}, before the first wave and after every {@code --checkpoint-every}
 * ended threads it writes {@code DIR/checkpoint-N} (N: the threads ended so far) and waits until the
 * test deletes it: every churned thread has ended then, and the process holds still while the test
 * looks at it from outside. Prints {@code threads_ended}, {@code faulting_reads} and a {@code checksum}
 * of the bytes read.
 */
public final class ThreadChurn {
    private static final int PAGE = 4096;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        DataFile data = DataFile.of(args, "mapwatch-thread-churn.dat", "256m");
        int threads = args.integer("threads", 10_000);
        int wave = args.integer("wave", 500);
        long waveMillis = args.integer("wave-millis", 500);
        int faulting = args.integer("faulting", 20);
        int pages = args.integer("pages", 4);
        int checkpointEvery = args.integer("checkpoint-every", 2_000);
        Path checkpoints = args.path("checkpoint-dir", null);
        MappedByteBuffer mapped = MapScenario.mapOne(data.path(), "READ_ONLY", 0, data.size());
        Report.result("pid", ProcessHandle.current().pid());
        AtomicLong checksum = new AtomicLong();
        AtomicLong faultingReads = new AtomicLong();
        checkpoint(checkpoints, 0);
        int ended = 0;
        while (ended < threads) {
            int count = Math.min(wave, threads - ended);
            CountDownLatch release = new CountDownLatch(1);
            Thread[] started = new Thread[count];
            for (int i = 0; i < count; i++) {
                int id = ended + i;
                boolean faults = faulting > 0 && id % faulting == 0;
                started[i] = new Thread(() -> {
                    if (faults) {
                        checksum.addAndGet(readPages(mapped, data.size(), id, pages));
                        faultingReads.addAndGet(pages);
                    }
                    awaitQuietly(release);
                }, "churn-" + id);
                started[i].start();
            }
            Thread.sleep(waveMillis);
            release.countDown();
            for (Thread thread : started) {
                thread.join();
            }
            int before = ended;
            ended += count;
            if (before / checkpointEvery != ended / checkpointEvery || ended == threads) {
                checkpoint(checkpoints, ended);
            }
        }
        Report.result("threads_ended", ended);
        Report.result("faulting_reads", faultingReads.get());
        Report.result("checksum", checksum.get());
        Report.result("mapped_bytes", mapped.capacity()); // keeps the mapping reachable to the end
    }

    /** One long from each of {@code pages} pages at random places of the mapping. */
    private static long readPages(MappedByteBuffer mapped, long size, int seed, int pages) {
        SplittableRandom random = new SplittableRandom(seed * 7919L + 17);
        long sum = 0;
        for (int i = 0; i < pages; i++) {
            sum += mapped.getLong((int) (random.nextLong(size / PAGE) * PAGE));
        }
        return sum;
    }

    private static void checkpoint(Path dir, int ended) throws Exception {
        if (dir == null) {
            return;
        }
        Path mark = dir.resolve("checkpoint-" + ended);
        Files.writeString(mark, Integer.toString(ended));
        while (Files.exists(mark)) {
            Thread.sleep(20);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
