package io.mapwatch.testapps;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps chunks of a large sparse file and keeps them until a map fails, as a JVM does that runs
 * out of address space (run it under {@code ulimit -v}) or out of {@code vm.max_map_count}.
 *
 * <pre>
 * FailingMap --file PATH [--chunk 1g] [--count 64]
 * </pre>
 * Prints {@code maps_before_failure} and {@code failure} (the exception), or {@code failure=none}.
 */
public final class FailingMap {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-sparse.dat");
        long chunk = args.bytes("chunk", "1g");
        int count = args.integer("count", 64);
        List<MappedByteBuffer> kept = new ArrayList<>();
        String failure = "none";
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(chunk * count); // sparse: no disk used
            FileChannel channel = raf.getChannel();
            for (int i = 0; i < count; i++) {
                kept.add(channel.map(FileChannel.MapMode.READ_ONLY, i * chunk, chunk));
            }
        } catch (Throwable t) {
            failure = t.toString() + (t.getCause() == null ? "" : " caused by " + t.getCause());
        }
        Report.result("maps_before_failure", kept.size());
        Report.result("failure", failure);
        Report.result("path", file.toAbsolutePath());
    }
}
