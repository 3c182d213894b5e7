package io.mapwatch.kernel.procfs;

import java.nio.ByteOrder;

/**
 * Numbers in a {@code byte[]} in the platform's byte order (the kernel's structures: perf records,
 * {@code struct perf_event_attr}, {@code cachestat}, the auxiliary vector), read and written with
 * shifts.
 *
 * <p>Not through {@code ByteBuffer.getLong} and the like, nor {@code MemorySegment}, nor a view
 * {@code VarHandle}: those are the JDK code that the application's own buffer and segment reads go
 * through, and the JIT compiles an application's hot read with the profile of every caller of that
 * code. A sampler that read native-order numbers through it (once, at start-up, before the
 * application's reads were compiled) left both byte orders in that profile, and a JVM reading a
 * big-endian mapped buffer at random then ran code with both orders' paths, a safepoint poll and
 * spills in its inner loop (JDK 25, docs/benchmarks.md). Code that runs inside every JVM the agent
 * is in must leave no trace in the profiles of the JDK code its application uses.
 */
public final class NativeBytes {
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private NativeBytes() {
    }

    public static long getLong(byte[] bytes, int at) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value |= (bytes[at + (LITTLE ? i : Long.BYTES - 1 - i)] & 0xffL) << (8 * i);
        }
        return value;
    }

    public static int getInt(byte[] bytes, int at) {
        int value = 0;
        for (int i = 0; i < Integer.BYTES; i++) {
            value |= (bytes[at + (LITTLE ? i : Integer.BYTES - 1 - i)] & 0xff) << (8 * i);
        }
        return value;
    }

    public static short getShort(byte[] bytes, int at) {
        int low = bytes[at + (LITTLE ? 0 : 1)] & 0xff;
        int high = bytes[at + (LITTLE ? 1 : 0)] & 0xff;
        return (short) (low | high << 8);
    }

    public static void putLong(byte[] bytes, int at, long value) {
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[at + (LITTLE ? i : Long.BYTES - 1 - i)] = (byte) (value >>> (8 * i));
        }
    }

    public static void putInt(byte[] bytes, int at, int value) {
        for (int i = 0; i < Integer.BYTES; i++) {
            bytes[at + (LITTLE ? i : Integer.BYTES - 1 - i)] = (byte) (value >>> (8 * i));
        }
    }

    public static void putShort(byte[] bytes, int at, short value) {
        bytes[at + (LITTLE ? 0 : 1)] = (byte) value;
        bytes[at + (LITTLE ? 1 : 0)] = (byte) (value >>> 8);
    }
}
