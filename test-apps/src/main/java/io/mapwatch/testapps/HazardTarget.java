package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A mapping that someone else breaks: maps {@code --file} READ_ONLY, writes {@code --ready-file},
 * and waits for {@code --go-file}. Then it reads the last byte of the mapping, which after another
 * process truncated the file raises SIGBUS, turned by the JVM into an InternalError ("a fault
 * occurred in an unsafe memory access operation"), which it catches and reports.
 *
 * <pre>
 * HazardTarget --file PATH --ready-file PATH --go-file PATH [--size 16m]
 * </pre>
 * Prints {@code access_at_ms} (epoch millis of the access) and {@code error} (the error, or none).
 */
public final class HazardTarget {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-hazard.dat");
        Path ready = args.path("ready-file", "hazard.ready");
        Path go = args.path("go-file", "hazard.go");
        long size = args.bytes("size", "16m");
        DataFiles.ensure(file, size);
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        Report.result("first_byte", buffer.get(0));
        Files.writeString(ready, Long.toString(ProcessHandle.current().pid()));
        while (!Files.exists(go)) {
            Thread.sleep(10);
        }
        Report.result("access_at_ms", System.currentTimeMillis());
        String error = "none";
        try {
            Report.result("last_byte", buffer.get((int) size - 1));
        } catch (InternalError e) {
            error = e.toString();
        }
        Report.result("error", error);
    }
}
