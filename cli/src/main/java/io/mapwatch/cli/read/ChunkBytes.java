package io.mapwatch.cli.read;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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

    private final ByteBuffer bytes;
    private final int limit;
    private int position;
    private byte[] scratch = new byte[64];

    ChunkBytes(ByteBuffer bytes) {
        this.bytes = bytes;
        this.limit = bytes.limit();
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
        return bytes.get(position++);
    }

    boolean readBoolean() {
        return readByte() != 0;
    }

    long readRawLong(int at) {
        return bytes.getLong(at);
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
        int value = bytes.getInt(position);
        position += 4;
        return value;
    }

    /** An integer of any width. */
    long readLong() {
        if (position + 9 > limit) {
            return readLongNearEnd();
        }
        ByteBuffer b = bytes;
        int at = position;
        long value = 0;
        for (int shift = 0; shift < 56; shift += 7) {
            byte next = b.get(at++);
            value |= (next & 0x7FL) << shift;
            if (next >= 0) {
                position = at;
                return value;
            }
        }
        position = at + 1;
        return value | (b.get(at) & 0xFFL) << 56;
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

    private String text(java.nio.charset.Charset charset) {
        int length = readCount();
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
        }
        bytes.get(position, scratch, 0, length);
        position += length;
        return new String(scratch, 0, length, charset);
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
            case STRING_CHARS -> {
                int length = readCount();
                for (int i = 0; i < length; i++) {
                    readLong();
                }
            }
            default -> throw new DamagedChunk("a string of unknown encoding " + encoding);
        }
    }
}
