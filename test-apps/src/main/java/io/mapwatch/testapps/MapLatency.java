package io.mapwatch.testapps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * A thread that maps one page of a file every few milliseconds and remembers how long each
 * {@code map()} took and when: the latency a workload sees from its own maps while something else
 * (a sampler reading {@code /proc/self/smaps}, for one) holds the process's memory-map lock.
 * Prints {@code map_calls}, {@code map_latency_p50_us}, {@code map_latency_max_us} and the five
 * slowest as {@code slow_map at_ms=EPOCH_MILLIS us=N}.
 */
final class MapLatency {
    private static final int MAX_SAMPLES = 1 << 20;

    private final long[] startMillis = new long[MAX_SAMPLES];
    private final long[] nanos = new long[MAX_SAMPLES];
    private final Thread thread;
    private volatile boolean running = true;
    private int count;

    private MapLatency(Path file, long periodMillis) {
        thread = new Thread(() -> run(file, periodMillis), "mapper");
        thread.setDaemon(true);
    }

    /** Starts mapping every {@code periodMillis}; null when it is 0. */
    static MapLatency start(Path file, long periodMillis) {
        if (periodMillis <= 0) {
            return null;
        }
        MapLatency latency = new MapLatency(file, periodMillis);
        latency.thread.start();
        return latency;
    }

    private void run(Path file, long periodMillis) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long pages = channel.size() / 4096;
            while (running && count < MAX_SAMPLES) {
                long at = System.currentTimeMillis();
                long begin = System.nanoTime();
                channel.map(FileChannel.MapMode.READ_ONLY, (count % pages) * 4096, 4096); // dropped: the GC unmaps it
                nanos[count] = System.nanoTime() - begin;
                startMillis[count] = at;
                count++;
                Thread.sleep(periodMillis);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stopAndReport() throws InterruptedException {
        running = false;
        thread.join();
        int n = count;
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        Report.result("map_calls", n);
        if (n == 0) {
            return;
        }
        Report.result("map_latency_p50_us", TimeUnit.NANOSECONDS.toMicros(sorted[n / 2]));
        Report.result("map_latency_max_us", TimeUnit.NANOSECONDS.toMicros(sorted[n - 1]));
        IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> nanos[i]).reversed())
                .limit(5)
                .forEach(i -> System.out.println("slow_map at_ms=" + startMillis[i] + " us=" + nanos[i] / 1000));
    }
}
