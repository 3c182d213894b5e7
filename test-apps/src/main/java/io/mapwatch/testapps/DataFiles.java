package io.mapwatch.testapps;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Files with real (non-sparse) content, so that reading them cold needs the disk. */
public final class DataFiles {
    private DataFiles() {
    }

    /** {@code DataFiles PATH SIZE}: creates the file once, before benchmarks start two workloads on it at once. */
    public static void main(String[] argv) throws IOException {
        ensure(Path.of(argv[0]), Args.parseBytes(argv[1]));
    }

    /** Writes the data of {@code file} to the disk, so that evicting it from the page cache can drop every page. */
    public static void sync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Creates {@code file} with {@code size} bytes of data unless it already has that size. */
    public static void ensure(Path file, long size) throws IOException {
        if (Files.exists(file) && Files.size(file) == size) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ByteBuffer block = ByteBuffer.allocateDirect(1 << 20);
        long seed = 0x9E3779B97F4A7C15L;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < size; ) {
                block.clear();
                while (block.remaining() >= 8) {
                    seed ^= seed << 13;
                    seed ^= seed >>> 7;
                    seed ^= seed << 17;
                    block.putLong(seed);
                }
                block.flip();
                block.limit((int) Math.min(block.limit(), size - written));
                while (block.hasRemaining()) {
                    written += ch.write(block);
                }
            }
        }
    }
}
