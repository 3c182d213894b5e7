package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Maps {@code --file} without touching it, waits {@code --before-ms}, calls {@code load()}, and
 * waits {@code --after-ms}, so that residency samples can be compared with a known state: nothing
 * read before the load (the file evicted by the caller), everything after it.
 *
 * <pre>
 * ResidencyPhases --file PATH [--before-ms 2500] [--after-ms 2500]
 * </pre>
 * Prints {@code load_started_ms} and {@code load_ended_ms} (epoch millis) and {@code mapped_bytes}.
 * The file must exist; its whole length is mapped.
 */
public final class ResidencyPhases {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-phases.dat");
        MappedByteBuffer buffer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
        Report.result("mapped_bytes", (long) buffer.capacity());
        Thread.sleep(args.integer("before-ms", 2500));
        Report.result("load_started_ms", System.currentTimeMillis());
        buffer.load();
        Report.result("load_ended_ms", System.currentTimeMillis());
        Thread.sleep(args.integer("after-ms", 2500));
        Report.result("loaded", buffer.isLoaded());
    }
}
