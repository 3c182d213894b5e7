package io.mapwatch.cli.read;

import io.mapwatch.cli.CliException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Walks the chunk headers of a recording file without parsing events: how many chunks are
 * complete, where the readable part ends, and the time the complete chunks cover. JFR's own
 * parser waits for a chunk that is still being written, so only the complete part is ever
 * handed to it.
 */
public record ChunkScan(Path file, int chunks, long readableBytes, long fileBytes, Instant start, Instant end) {
    private static final int HEADER_BYTES = 68;
    private static final int MAGIC = 0x464C5200; // "FLR\0"

    /** True when the file goes on past its last complete chunk. */
    public boolean cutShort() {
        return readableBytes < fileBytes;
    }

    /**
     * Scans {@code file}.
     *
     * @throws CliException (exit 3) when the file is missing, not a recording, or has no complete chunk
     */
    public static ChunkScan of(Path file) {
        if (!Files.exists(file)) {
            throw CliException.badInput(file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            throw CliException.badInput(file + " cannot be read (permission denied)");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return scan(file, channel);
        } catch (IOException e) {
            throw CliException.badInput(file + " cannot be read: " + e.getMessage());
        }
    }

    private static ChunkScan scan(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            throw CliException.badInput(file + " is empty, not a recording");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        long position = 0;
        int chunks = 0;
        long startNanos = Long.MAX_VALUE;
        long endNanos = Long.MIN_VALUE;
        while (position < size) {
            header.clear();
            int read = channel.read(header, position);
            boolean magic = header.position() >= 4 && header.getInt(0) == MAGIC;
            if (!magic) {
                if (chunks == 0) {
                    throw CliException.badInput(file + " is not a JFR recording");
                }
                break;
            }
            long chunkSize = read < HEADER_BYTES ? 0 : header.getLong(8);
            boolean finished = read == HEADER_BYTES && header.get(64) == 0;
            if (!finished || chunkSize <= HEADER_BYTES || chunkSize > size - position) {
                break;
            }
            startNanos = Math.min(startNanos, header.getLong(32));
            endNanos = Math.max(endNanos, header.getLong(32) + header.getLong(40));
            position += chunkSize;
            chunks++;
        }
        if (chunks == 0) {
            throw CliException.badInput(file + " was cut short before its first chunk was complete; nothing in it can be read");
        }
        return new ChunkScan(file, chunks, position, size, instant(startNanos), instant(endNanos));
    }

    /**
     * Where the last complete chunk that starts no later than {@code time} ends: the bytes to read
     * for everything up to {@code time}, as chunks follow each other in time.
     */
    public long bytesUpTo(Instant time) {
        long limit = time.getEpochSecond() * 1_000_000_000L + time.getNano();
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            while (position < readableBytes) {
                header.clear();
                channel.read(header, position);
                if (position > 0 && header.getLong(32) > limit) {
                    return position;
                }
                position += header.getLong(8);
            }
            return readableBytes;
        } catch (IOException e) {
            return readableBytes;
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(0, epochNanos);
    }
}
