package io.mapwatch.cli.read;

import io.mapwatch.cli.Workload;
import io.mapwatch.testapps.MapChurn;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files parsed at once hand the sink the same facts in the same order as files read one after the
 * other: a recording of a real workload in small chunks, cut into one file per chunk as JFR's
 * repository holds them.
 */
class ParallelReadIT {
    private static final int OPS = 40_000;

    @TempDir
    static Path dir;
    static Path recording;
    static Path chunks;

    @BeforeAll
    static void record() throws IOException {
        recording = dir.resolve("churn.jfr");
        Workload.Run run = Workload.record(recording, List.of("-XX:FlightRecorderOptions:maxchunksize=1m"), MapChurn.class,
                "--dir", Files.createDirectories(dir.resolve("churn")).toString(), "--files", "8", "--warmup", "0",
                "--ops", String.valueOf(OPS), "--unmap", "explicit");
        assertEquals(0, run.exitCode(), run.output());
        chunks = cutIntoChunks(recording, Files.createDirectories(dir.resolve("repository")));
    }

    @Test
    void filesParsedAtOnceGiveTheFactsOfOneSequentialPass() {
        List<ChunkScan> whole = RecordingReader.scan(recording, warnings());
        List<ChunkScan> files = RecordingReader.scan(chunks, warnings());
        assertTrue(files.size() >= 3, "the recording has several chunks: " + files.size());
        assertEquals(whole.get(0).chunks(), files.size(), "one file per chunk");

        Facts onePass = read(whole, 1);
        Facts oneAfterTheOther = read(files, 1);
        Facts atOnce = read(files, 4);

        assertEquals(OPS, onePass.maps, "every map of the workload");
        assertEquals(onePass.facts, oneAfterTheOther.facts, "the chunk files hold the recording's events");
        assertEquals(onePass.maps, oneAfterTheOther.maps);
        // Not the digest of onePass: over a whole file JFR converts a chunk's ticks with the clock of the
        // first chunk of the same metadata, over a chunk file with the chunk's own, and times differ by ~100 ns.
        assertEquals(oneAfterTheOther, atOnce);
    }

    @Test
    void readersAreBoundedByFilesProcessorsAndHeap() {
        assertEquals(1, RecordingReader.readers(1));
        int readers = RecordingReader.readers(1000);
        assertTrue(readers >= 1 && readers <= Runtime.getRuntime().availableProcessors(), "readers: " + readers);
        assertTrue(readers * (64L << 20) <= Math.max(64L << 20, Runtime.getRuntime().maxMemory()), "readers: " + readers);
    }

    /** What the sink heard: how many facts and maps, and a digest of every fact in order. */
    private record Facts(long facts, long maps, String digest) {
    }

    private static Facts read(List<ChunkScan> scans, int readers) {
        MessageDigest digest = sha256();
        long[] counts = new long[2];
        Consumer<Fact> sink = fact -> {
            counts[0]++;
            counts[1] += fact instanceof Fact.Map ? 1 : 0;
            digest.update(fact.toString().getBytes(StandardCharsets.UTF_8));
        };
        RecordingReader.read(scans, null, sink, warnings(), readers, true);
        return new Facts(counts[0], counts[1], HexFormat.of().formatHex(digest.digest()));
    }

    /** Copies each chunk of {@code recording} into a file of its own in {@code folder}. */
    static Path cutIntoChunks(Path recording, Path folder) throws IOException {
        try (FileChannel in = FileChannel.open(recording, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(16);
            for (long position = 0, index = 0; position < in.size(); index++) {
                header.clear();
                in.read(header, position);
                long size = header.getLong(8);
                Path chunk = folder.resolve(String.format("chunk-%03d.jfr", index));
                try (FileChannel out = FileChannel.open(chunk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    for (long done = 0; done < size; ) {
                        done += in.transferTo(position + done, size - done, out);
                    }
                }
                position += size;
            }
        }
        return folder;
    }

    private static PrintWriter warnings() {
        return new PrintWriter(new StringWriter());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
