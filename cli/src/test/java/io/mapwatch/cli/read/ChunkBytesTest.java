package io.mapwatch.cli.read;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JFR's encodings as the chunk parser reads them, at their edges. */
class ChunkBytesTest {
    @Test
    void integersOfEveryLengthUpToTheNinthByteWhole() {
        long[] values = {0, 1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, 0xFFFF_FFFFL, 1L << 48, (1L << 56) - 1,
                1L << 56, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        for (long value : values) {
            ChunkBytes in = bytes(leb128(value));
            assertEquals(value, in.readLong(), "value " + value);
            assertEquals(in.limit(), in.position(), "all bytes of " + value);
        }
        assertEquals(9, leb128(-1).length, "-1 takes nine bytes, the last one whole");
    }

    @Test
    void integersAtTheEndOfTheChunkAndIntegersCutByIt() {
        byte[] padded = concat(new byte[20], leb128(Long.MIN_VALUE));
        ChunkBytes in = bytes(padded);
        in.position(20);
        assertEquals(Long.MIN_VALUE, in.readLong(), "read near the end, byte by byte");

        byte[] cut = java.util.Arrays.copyOf(leb128(1L << 40), 3);
        assertThrows(DamagedChunk.class, () -> bytes(cut).readLong());
    }

    @Test
    void paddedIntegersAsJfrWritesEventSizes() {
        // JFR reserves four bytes for an event's size: 5 written as 0x85 0x80 0x80 0x00
        ChunkBytes in = bytes(new byte[] {(byte) 0x85, (byte) 0x80, (byte) 0x80, 0x00, 42});
        assertEquals(5, in.readLong());
        assertEquals(4, in.position());
    }

    @Test
    void narrowerIntegersAreCutAsJfrsParserCutsThem() {
        assertEquals(-1, bytes(leb128(0xFFFF_FFFFL)).readInt());
    }

    @Test
    void countsLargerThanWhatIsLeftAreDamage() {
        assertThrows(DamagedChunk.class, () -> bytes(leb128(1000)).readCount());
        assertThrows(DamagedChunk.class, () -> bytes(leb128(-5)).readCount());
    }

    @Test
    void stringsInEveryEncoding() {
        assertNull(bytes(new byte[] {0}).readString(null));
        assertEquals("", bytes(new byte[] {1}).readString(null));
        byte[] utf8 = "påth/ü".getBytes(StandardCharsets.UTF_8);
        assertEquals("påth/ü", bytes(concat(new byte[] {3, (byte) utf8.length}, utf8)).readString(null));
        assertEquals("påth", bytes(concat(new byte[] {5, 4}, "påth".getBytes(StandardCharsets.ISO_8859_1))).readString(null));
        assertEquals("a€", bytes(concat(new byte[] {4, 2}, concat(leb128('a'), leb128('€')))).readString(null));
    }

    @Test
    void skippingAStringLeavesTheCursorWhereReadingWould() {
        byte[] utf8 = "/data/a.dat".getBytes(StandardCharsets.UTF_8);
        byte[][] strings = {{0}, {1}, concat(new byte[] {3, (byte) utf8.length}, utf8), concat(new byte[] {4, 2}, concat(leb128('a'),
                leb128('€'))), concat(new byte[] {2}, leb128(300))};
        for (byte[] string : strings) {
            ChunkBytes in = bytes(concat(string, new byte[] {7}));
            in.skipString();
            assertEquals(7, in.readByte(), "after encoding " + string[0]);
        }
    }

    @Test
    void unknownEncodingsAndConstantsWithoutPoolsAreDamage() {
        DamagedChunk unknown = assertThrows(DamagedChunk.class, () -> bytes(new byte[] {9, 0}).readString(null));
        assertTrue(unknown.getMessage().contains("unknown encoding 9"), unknown.getMessage());
        assertThrows(DamagedChunk.class, () -> bytes(new byte[] {9, 0}).skipString());
        assertThrows(DamagedChunk.class, () -> bytes(new byte[] {2, 1}).readString(null));
        assertThrows(DamagedChunk.class, () -> bytes(new byte[] {3, 10, 'a'}).readString(null));
    }

    @Test
    void floatsAndDoublesAreRawBigEndianBits() {
        ByteBuffer raw = ByteBuffer.allocate(12).putFloat(0.25f).putDouble(-1.5e300);
        ChunkBytes in = bytes(raw.array());
        assertEquals(0.25f, in.readFloat());
        assertEquals(-1.5e300, in.readDouble());
    }

    @Test
    void longIndexKeepsTheLastValueOfAKeyAndGrows() {
        LongIndex index = new LongIndex();
        for (long key = -500; key < 500; key++) {
            index.put(key * 7919, (int) (key + 500));
        }
        index.put(0, 42);
        assertEquals(42, index.get(0));
        assertEquals(0, index.get(-500 * 7919));
        assertEquals(999, index.get(499 * 7919));
        assertEquals(-1, index.get(1));
    }

    private static ChunkBytes bytes(byte[] bytes) {
        return new ChunkBytes(bytes);
    }

    /** {@code value} as JFR writes integers: seven bits a byte, low first, the ninth byte whole. */
    static byte[] leb128(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 8; i++) {
            if ((value & ~0x7FL) == 0) {
                out.write((int) value);
                return out.toByteArray();
            }
            out.write((int) (value & 0x7F | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
