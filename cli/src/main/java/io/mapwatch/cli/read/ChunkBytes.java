package io.mapwatch.cli.read;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over the bytes of one chunk, reading JFR's encodings: integers of every width as
 * unsigned LEB128 (the ninth byte whole), floats and doubles as raw big-endian bits, and strings
 * with an encoding byte first. Reading past the chunk throws {@link DamagedChunk}.
 */
final class ChunkBytes {
    static final byte STRING_NULL = 0;
    static final byte STRING_EMPTY = 1;
    static final byte STRING_POOL = 2;
    static final byte STRING_UTF8 = 3;
    static final byte STRING_CHARS = 4;
    static final byte STRING_LATIN1 = 5;

    private final byte[] bytes;
    private final int limit;
    private int position;

    ChunkBytes(byte[] bytes) {
        this(bytes, bytes.length);
    }

    /** A cursor over the first {@code limit} of {@code bytes}. */
    ChunkBytes(byte[] bytes, int limit) {
        this.bytes = bytes;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    void position(long to) {
        if (to < 0 || to > limit) {
            throw new DamagedChunk("a position " + to + " outside the chunk of " + limit + " bytes");
        }
        position = (int) to;
    }

    int limit() {
        return limit;
    }

    byte readByte() {
        if (position >= limit) {
            throw new DamagedChunk("a value runs past the end of the chunk");
        }
        return bytes[position++];
    }

    boolean readBoolean() {
        return readByte() != 0;
    }

    float readFloat() {
        return Float.intBitsToFloat(readRawInt());
    }

    double readDouble() {
        long high = readRawInt() & 0xFFFF_FFFFL;
        return Double.longBitsToDouble(high << 32 | readRawInt() & 0xFFFF_FFFFL);
    }

    private int readRawInt() {
        if (position + 4 > limit) {
            throw new DamagedChunk("a value runs past the end of the chunk");
        }
        byte[] b = bytes;
        int at = position;
        position += 4;
        return b[at] << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }

    /** An integer of any width. */
    long readLong() {
        if (position + 9 > limit) {
            return readLongNearEnd();
        }
        byte[] b = bytes;
        int at = position;
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte next = b[at++];
            value |= (next & 0x7FL) << shift;
            if (next >= 0) {
                position = at;
                return value;
            }
        }
        position = at + 1;
        return value | (b[at] & 0xFFL) << 56;
    }

    private long readLongNearEnd() {
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte next = readByte();
            value |= (next & 0x7FL) << shift;
            if (next >= 0) {
                return value;
            }
        }
        return value | (readByte() & 0xFFL) << 56;
    }

    int readInt() {
        return (int) readLong();
    }

    /** A count or a length: an integer that must lie between 0 and the bytes left. */
    int readCount() {
        long count = readLong();
        if (count < 0 || count > limit - position) {
            throw new DamagedChunk("a count of " + count + " with " + (limit - position) + " bytes left in the chunk");
        }
        return (int) count;
    }

    /**
     * A string written in place; {@code pool} resolves one written as a reference to the chunk's
     * string constants (null: such a reference is damage).
     */
    String readString(ChunkPools pool) {
        byte encoding = readByte();
        switch (encoding) {
            case STRING_NULL:
                return null;
            case STRING_EMPTY:
                return "";
            case STRING_POOL:
                long key = readLong();
                if (pool == null) {
                    throw new DamagedChunk("a string constant where none may be");
                }
                return pool.string(key);
            case STRING_UTF8:
                return text(StandardCharsets.UTF_8);
            case STRING_LATIN1:
                return text(StandardCharsets.ISO_8859_1);
            case STRING_CHARS:
                int length = readCount();
                char[] chars = new char[length];
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) readLong();
                }
                return new String(chars);
            default:
                throw new DamagedChunk("a string of unknown encoding " + encoding);
        }
    }

    private String text(Charset charset) {
        int length = readCount();
        String text = new String(bytes, position, length, charset);
        position += length;
        return text;
    }

    /** Whether the bytes from {@code from} to {@code to} are {@code other}. */
    boolean equals(int from, int to, byte[] other) {
        return other != null && Arrays.equals(bytes, from, to, other, 0, other.length);
    }

    /** A hash of the length and the last eight of the bytes from {@code from} to {@code to}, where paths differ. */
    int endsHash(int from, int to) {
        int hash = to - from;
        for (int i = Math.max(from, to - 8); i < to; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash ^ hash >>> 16;
    }

    /** A copy of the bytes from {@code from} to {@code to}. */
    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(bytes, from, to);
    }

    /** Steps over a string written in place. */
    void skipString() {
        byte encoding = readByte();
        switch (encoding) {
            case STRING_NULL, STRING_EMPTY -> {
            }
            case STRING_POOL -> readLong();
            case STRING_UTF8, STRING_LATIN1 -> {
                int length = readCount();
                position += length;
            }
            case STRING_CHARS -> skipIntegers(readCount());
            default -> throw new DamagedChunk("a string of unknown encoding " + encoding);
        }
    }

    /** Steps over {@code count} integers: a byte with its high bit clear ends each. */
    private void skipIntegers(int count) {
        byte[] b = bytes;
        int at = position;
        if (count <= limit - at) {
            int highBits = 0;
            for (int i = at; i < at + count; i++) {
                highBits |= b[i];
            }
            if (highBits >= 0) { // each integer one byte, as the characters of an ASCII string are
                position = at + count;
                return;
            }
        }
        for (int i = 0; i < count; i++) {
            int end = Math.min(at + 9, limit);
            while (at < end && b[at] < 0) {
                at++;
            }
            if (at >= limit) {
                throw new DamagedChunk("a value runs past the end of the chunk");
            }
            at++;
        }
        position = at;
    }
}
