package io.mapwatch.testapps;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * Map, touch and unmap a small region of many files, as fast as possible: the cost of the
 * agent's lifecycle events per operation.
 *
 * <pre>
 * MapChurn [--dir DIR] [--files 64] [--size 4k] [--warmup 2] [--seconds 5 | --ops N]
 *          [--unmap explicit|gc] [--count-maps]
 * </pre>
 * Prints {@code ops}, {@code ops_per_sec} and, with {@code --count-maps}, the file mappings of
 * DIR left in /proc/self/maps once the GC released every dropped buffer.
 */
public final class MapChurn {
    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path dir = args.path("dir", null);
        boolean ownDir = dir == null;
        if (ownDir) {
            dir = Files.createTempDirectory("mapwatch-churn");
        }
        int fileCount = args.integer("files", 64);
        long size = args.bytes("size", "4k");
        boolean explicit = !args.string("unmap", "explicit").equals("gc");
        FileChannel[] channels = new FileChannel[fileCount];
        try {
            for (int i = 0; i < fileCount; i++) {
                Path file = dir.resolve("churn-" + i + ".dat");
                DataFiles.ensure(file, size);
                channels[i] = FileChannel.open(file, StandardOpenOption.READ);
            }
            Report.result("pid", ProcessHandle.current().pid());
            long checksum = 0;
            if (args.string("ops", null) != null) {
                long ops = Long.parseLong(args.string("ops", "0"));
                long start = System.nanoTime();
                for (long i = 0; i < ops; i++) {
                    checksum += churn(channels[(int) (i % fileCount)], size, explicit);
                }
                report(ops, System.nanoTime() - start);
            } else {
                long warmupEnd = System.nanoTime() + (long) (args.decimal("warmup", 2) * 1e9);
                long i = 0;
                while (System.nanoTime() < warmupEnd) {
                    checksum += churn(channels[(int) (i++ % fileCount)], size, explicit);
                }
                long start = System.nanoTime();
                long end = start + (long) (args.decimal("seconds", 5) * 1e9);
                long ops = 0;
                long now;
                do {
                    for (int batch = 0; batch < 64; batch++, ops++) {
                        checksum += churn(channels[(int) (ops % fileCount)], size, explicit);
                    }
                    now = System.nanoTime();
                } while (now < end);
                report(ops, now - start);
            }
            Report.result("checksum", checksum);
            if (args.flag("count-maps")) {
                Report.result("gc_released_all", Unmapping.awaitMappedBuffers(0, 60_000));
                Report.result("file_mappings_left", countMappingsUnder(dir));
            }
        } finally {
            for (FileChannel ch : channels) {
                if (ch != null) {
                    ch.close();
                }
            }
            if (ownDir) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(dir);
            }
        }
    }

    private static long churn(FileChannel channel, long size, boolean explicit) throws IOException {
        MappedByteBuffer buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        long touched = buffer.get(0);
        if (explicit) {
            Unmapping.unmapNow(buffer);
        }
        return touched;
    }

    private static void report(long ops, long nanos) {
        Report.result("ops", ops);
        Report.result("ops_per_sec", ops / (nanos / 1e9));
    }

    static long countMappingsUnder(Path dir) throws IOException {
        String prefix = dir.toAbsolutePath().toString() + "/";
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(l -> l.contains(prefix)).count();
        }
    }
}
