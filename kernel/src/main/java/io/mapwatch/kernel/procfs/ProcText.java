package io.mapwatch.kernel.procfs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bytes of a /proc, /sys or cgroup file, read whole into a reusable buffer and seen as text for the
 * parsers of this package, one char per byte (ISO-8859-1); the parsers decode file paths and names as UTF-8.
 * A sampler keeps one instance and, for files it reads often, an open {@link RandomAccessFile}: the kernel
 * regenerates a /proc file when it is read again from offset 0. Not thread-safe.
 */
public final class ProcText implements CharSequence {
    /** Reads are at most this long: larger ones make the JDK allocate a native buffer of the same size per call. */
    private static final int READ_CHUNK = 64 * 1024;
    /** A one-record /proc file shorter than this (a page) is generated whole by the kernel on the first read. */
    private static final int SMALL_FILE = 4096;

    private byte[] bytes;
    private int length;

    /** An empty text with room for 8 KiB, enough for any /proc file but maps and smaps. */
    public ProcText() {
        this(8 * 1024);
    }

    /** An empty text with room for {@code initialCapacity} bytes; it grows as needed. */
    public ProcText(int initialCapacity) {
        bytes = new byte[Math.max(64, initialCapacity)];
    }

    private ProcText(byte[] bytes) {
        this.bytes = bytes;
        this.length = bytes.length;
    }

    /** The text itself if it is a ProcText, else its UTF-8 bytes in a new one. */
    static ProcText of(CharSequence text) {
        if (text instanceof ProcText) {
            return (ProcText) text;
        }
        return new ProcText(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the contents with the whole of {@code file}. */
    public ProcText read(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            return read(in);
        }
    }

    /** Replaces the contents with the whole of an open file, read again from its start. */
    public ProcText read(RandomAccessFile file) throws IOException {
        return read(file, false);
    }

    /**
     * Like {@link #read(RandomAccessFile)} for a file that the kernel prints whole in one call (a
     * task's {@code stat}, {@code syscall}, {@code status}, {@code meminfo}, PSI, cgroup files,
     * sysctls): it is generated whole on the first read, so a short first read under a page ends
     * it, without the extra read that would only return end-of-file. Samplers read these every
     * second. Not for files of many records such as {@code maps}, whose first read stops at a page
     * boundary.
     */
    public ProcText readRecord(RandomAccessFile file) throws IOException {
        return read(file, true);
    }

    /**
     * Positional reads (pread): one system call per chunk, where seek and read would be two. The
     * samplers' cost to the application is mostly in their system calls.
     */
    private ProcText read(RandomAccessFile file, boolean oneRecord) throws IOException {
        FileChannel channel = file.getChannel();
        length = 0;
        while (true) {
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            int requested = Math.min(bytes.length - length, READ_CHUNK);
            int n = channel.read(ByteBuffer.wrap(bytes, length, requested), length);
            if (n < 0) {
                return this;
            }
            length += n;
            if (oneRecord && n < requested && length == n && length < SMALL_FILE) {
                return this;
            }
        }
    }

    /**
     * Reads {@code file} in chunks and hands each line (without its line feed) to {@code handler}, so that memory
     * stays bounded by the buffer and the longest line, whatever the size of the file. Replaces the contents.
     */
    void forEachLine(Path file, AsciiScan.LineHandler handler) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            length = 0;
            int lineStart = 0;
            int scanned = 0;
            while (true) {
                if (length == bytes.length) {
                    if (lineStart > 0) {
                        System.arraycopy(bytes, lineStart, bytes, 0, length - lineStart);
                        length -= lineStart;
                        scanned -= lineStart;
                        lineStart = 0;
                    } else {
                        bytes = Arrays.copyOf(bytes, bytes.length * 2);
                    }
                }
                int n = in.read(bytes, length, Math.min(bytes.length - length, READ_CHUNK));
                if (n < 0) {
                    break;
                }
                length += n;
                for (; scanned < length; scanned++) {
                    if (bytes[scanned] == '\n') {
                        handler.line(bytes, lineStart, scanned);
                        lineStart = scanned + 1;
                    }
                }
            }
            if (lineStart < length) {
                handler.line(bytes, lineStart, length);
            }
        }
    }

    /** The buffer; its first {@link #length()} bytes are the text. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        Objects.checkIndex(index, length);
        return (char) (bytes[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        Objects.checkFromToIndex(start, end, length);
        return new String(bytes, start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}
