package io.mapwatch.testapps;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Maps a file, keeps the mapping for {@code --hold-ms}, then lets it go by {@code --trigger}:
 * {@code explicit} (Unsafe.invokeCleaner) or {@code gc} (drop it and let the cleaner run).
 * Prints the lifetime as the workload's own clock bounds it: {@code lifetime_min_ms} from the
 * return of map() to the moment it let go, {@code lifetime_max_ms} from the call of map() to the
 * moment it saw the mapping gone.
 */
public final class UnmapTriggers {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path file = args.path("file", "mapwatch-unmap.dat");
        long holdMillis = args.integer("hold-ms", 300);
        boolean explicit = args.string("trigger", "explicit").equals("explicit");
        DataFiles.ensure(file, 64 * 1024);

        long before = Unmapping.liveMappedBuffers();
        MappedByteBuffer buffer;
        long mapCalled = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, 64 * 1024);
        }
        long mappedAt = System.nanoTime();
        Report.result("first_byte", buffer.get(0));
        Thread.sleep(holdMillis);
        long letGo = System.nanoTime();
        if (explicit) {
            Unmapping.unmapNow(buffer);
        }
        buffer = null;
        boolean released = Unmapping.awaitMappedBuffers(before, 60_000);
        long gone = System.nanoTime();
        Report.result("released", released);
        Report.result("lifetime_min_ms", (letGo - mappedAt) / 1e6);
        // The agent's lifetime starts inside map(): between the call and the return (the return
        // includes committing the Map event, and on a loaded machine any pause in between).
        Report.result("lifetime_max_ms", (gone - mapCalled) / 1e6);
        Report.result("path", file.toAbsolutePath());
    }
}
