package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A working set much smaller than what is resident: maps {@code --file} ({@code --size} bytes,
 * created with data if needed) READ_ONLY, reads one byte of every page once (all of it resident
 * then), and from then on reads only the pages of its first {@code --hot} bytes, over and over,
 * pausing {@code --pause-ms} between sweeps, until the hold ends.
 *
 * <pre>
 * HotRegion --file PATH [--size 512m] [--hot 32m] [--pause-ms 5] [--ready-file PATH] [--hold 120]
 * </pre>
 * Prints {@code mapped_bytes}, {@code full_pass_ms} (epoch millis when the pass over all of it
 * ended), then writes the ready file and holds ({@link Hold}); at the end prints {@code sweeps}
 * (passes over the hot region) and a {@code checksum} of the bytes read.
 */
public final class HotRegion {
    private static final int PAGE = 4096;

    private static volatile boolean stop;
    private static volatile long checksum;

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-hot-region.dat");
        long size = args.bytes("size", "512m");
        int hot = (int) Math.min(args.bytes("hot", "32m"), size);
        int pauseMillis = args.integer("pause-ms", 5);
        DataFiles.ensure(file, size);
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        Report.result("mapped_bytes", size);
        checksum = sweep(buffer, buffer.capacity());
        Report.result("full_pass_ms", System.currentTimeMillis());

        long[] sweeps = {0};
        Thread reader = new Thread(() -> {
            try {
                while (!stop) {
                    checksum += sweep(buffer, hot);
                    sweeps[0]++;
                    Thread.sleep(pauseMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hot-reader");
        reader.start();
        Hold.signalAndHold(args);
        stop = true;
        reader.join();
        Report.result("sweeps", sweeps[0]);
        Report.result("checksum", checksum);
    }

    /** Reads one byte of each page of the first {@code length} bytes. */
    private static long sweep(MappedByteBuffer buffer, int length) {
        long sum = 0;
        for (int offset = 0; offset < length; offset += PAGE) {
            sum += buffer.get(offset);
        }
        return sum;
    }
}
