package io.mapwatch.cli.workloads;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps a 64 KiB file, truncates it to 4 KiB behind the mapping's back and reads past the new end
 * TOUCHES times, each in its own thread; each read raises SIGBUS, which the JVM turns into an
 * InternalError (JFR records each; compiled code raises it asynchronously and may lose some before
 * they reach the thread). Prints {@code errors}, the threads ended by it, and {@code path}.
 * <pre>TruncateUnderMap FILE TOUCHES</pre>
 */
public final class TruncateUnderMap {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int touches = Integer.parseInt(args[1]);
        Files.write(file, new byte[64 * 1024]);
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, 64 * 1024);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(4096);
        }
        AtomicInteger errors = new AtomicInteger();
        AtomicLong sum = new AtomicLong();
        for (int i = 0; i < touches; i++) {
            int offset = 32 * 1024 + i * 4096 % (28 * 1024);
            // Compiled code raises the error asynchronously, possibly past a try block: the thread ends instead.
            Thread reader = new Thread(() -> sum.addAndGet(buffer.get(offset)), "reader-" + i);
            reader.setUncaughtExceptionHandler((thread, error) -> {
                if (error instanceof InternalError) {
                    errors.incrementAndGet();
                }
            });
            reader.start();
            reader.join();
        }
        System.out.println("errors=" + errors);
        System.out.println("checksum=" + sum);
        System.out.println("path=" + file.toAbsolutePath());
    }
}
