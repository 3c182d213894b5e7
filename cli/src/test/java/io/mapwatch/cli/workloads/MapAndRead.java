package io.mapwatch.cli.workloads;

import io.mapwatch.testapps.DataFiles;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Maps a file and also reads it with read(), the way a file ends up cached twice. Reads until one
 * read() took at least 30 ms by its own clock, so that JFR's jdk.FileRead (threshold 20 ms in the
 * default settings) recorded it. Prints {@code slow_reads}, {@code bytes_read} and {@code path}.
 */
public final class MapAndRead {
    private static final int CHUNK = 128 << 20;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long size = CHUNK;
        DataFiles.ensure(file, size);
        MappedByteBuffer mapped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        long sum = 0;
        for (int page = 0; page < size; page += 4096) {
            sum += mapped.get(page);
        }
        byte[] buffer = new byte[CHUNK];
        long bytesRead = 0;
        int slowReads = 0;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (int attempt = 0; attempt < 200 && slowReads == 0; attempt++) {
                raf.seek(0);
                for (long done = 0; done < size; ) {
                    long start = System.nanoTime();
                    int n = raf.read(buffer, 0, CHUNK);
                    if (System.nanoTime() - start >= 30_000_000L) {
                        slowReads++;
                    }
                    done += n;
                    bytesRead += n;
                }
            }
        }
        System.out.println("slow_reads=" + slowReads);
        System.out.println("bytes_read=" + bytesRead);
        System.out.println("checksum=" + (sum + buffer[0]));
        System.out.println("path=" + file.toAbsolutePath());
    }
}
