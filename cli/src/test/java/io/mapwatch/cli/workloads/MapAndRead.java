package io.mapwatch.cli.workloads;

import io.mapwatch.testapps.DataFiles;

import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Maps a file and also reads it with read(), the way a file ends up cached twice: reads all of it
 * {@code PASSES} times (default 1). JFR's jdk.FileRead records a read() only when it took its
 * threshold (20 ms in the default settings), which a read from the page cache may not; a test
 * that needs the reads in its recording runs this with {@link #ALL_READS}. Prints
 * {@code reads}, {@code bytes_read} and {@code path}.
 *
 * <pre>
 * MapAndRead FILE [PASSES]
 * </pre>
 */
public final class MapAndRead {
    /** The JVM option that records every read(), however short, in every recording of the JVM. */
    public static final List<String> ALL_READS = List.of("-XX:StartFlightRecording:jdk.FileRead#threshold=0ms");
    private static final int CHUNK = 128 << 20;

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
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
        int reads = 0;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            for (int pass = 0; pass < passes; pass++) {
                raf.seek(0);
                for (long done = 0; done < size; ) {
                    int n = raf.read(buffer, 0, CHUNK);
                    reads++;
                    done += n;
                    bytesRead += n;
                }
            }
        }
        System.out.println("reads=" + reads);
        System.out.println("bytes_read=" + bytesRead);
        System.out.println("checksum=" + (sum + buffer[0]));
        System.out.println("path=" + file.toAbsolutePath());
    }
}
