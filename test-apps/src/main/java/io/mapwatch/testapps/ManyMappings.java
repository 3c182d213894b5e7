package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Many live mappings and many threads, the shape of a large search or queue JVM: {@code --count}
 * mappings of {@code --size} bytes each, taken in turn from a file of {@code --file-size} bytes
 * (each map is its own kernel mapping), optionally read through so they are resident, and
 * {@code --threads} idle threads.
 *
 * <pre>
 * ManyMappings --file PATH [--count 1000] [--size 4m] [--file-size 64m] [--threads 0] [--touch]
 *              [--hold 0] [--ready-file PATH]
 * </pre>
 * Prints {@code mappings}, {@code mapped_bytes} and {@code touched_bytes}.
 */
public final class ManyMappings {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-many.dat");
        int count = args.integer("count", 1000);
        long size = args.bytes("size", "4m");
        long fileSize = Math.max(size, args.bytes("file-size", "64m"));
        DataFiles.ensure(file, fileSize);
        CountDownLatch released = new CountDownLatch(1);
        for (int i = 0; i < args.integer("threads", 0); i++) {
            Thread idle = new Thread(() -> {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "idle-" + i);
            idle.setDaemon(true);
            idle.start();
        }
        List<MappedByteBuffer> mappings = new ArrayList<>(count);
        long touched = 0;
        long slots = fileSize / size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < count; i++) {
                MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, (i % slots) * size, size);
                if (args.flag("touch")) {
                    for (int p = 0; p < size; p += 4096) {
                        touched += buffer.get(p) == 0 ? 4096 : 4096;
                    }
                }
                mappings.add(buffer);
            }
        }
        Report.result("mappings", mappings.size());
        Report.result("mapped_bytes", (long) count * size);
        Report.result("touched_bytes", touched);
        Hold.signalAndHold(args);
        released.countDown();
        Report.result("live", mappings.size());
    }
}
