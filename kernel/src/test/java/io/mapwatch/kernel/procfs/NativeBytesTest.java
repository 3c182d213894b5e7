package io.mapwatch.kernel.procfs;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** NativeBytes reads and writes what a native-order ByteBuffer does, at every offset. */
class NativeBytesTest {
    @Test
    void readsWhatANativeOrderBufferWrote() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 1000; round++) {
            int at = random.nextInt(9);
            long number = random.nextLong();
            ByteBuffer buffer = ByteBuffer.allocate(24).order(ByteOrder.nativeOrder());
            byte[] bytes = buffer.putLong(at, number).array();
            assertEquals(number, NativeBytes.getLong(bytes, at));
            assertEquals(buffer.getInt(at), NativeBytes.getInt(bytes, at));
            assertEquals(buffer.getShort(at), NativeBytes.getShort(bytes, at));
        }
    }

    @Test
    void writesWhatANativeOrderBufferReads() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 1000; round++) {
            int at = random.nextInt(9);
            long number = random.nextLong();
            byte[] bytes = new byte[24];
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
            NativeBytes.putLong(bytes, at, number);
            assertEquals(number, buffer.getLong(at));
            NativeBytes.putInt(bytes, at + 8, (int) number);
            assertEquals((int) number, buffer.getInt(at + 8));
            NativeBytes.putShort(bytes, at + 12, (short) (number >>> 7));
            assertEquals((short) (number >>> 7), buffer.getShort(at + 12));
        }
    }
}
