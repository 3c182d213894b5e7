package io.mapwatch.testapps;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;

/** Releasing a MappedByteBuffer now ({@code Unsafe.invokeCleaner}) or seeing the GC release them. */
public final class Unmapping {
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        try {
            Class<?> type = Class.forName("sun.misc.Unsafe");
            Field field = type.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            UNSAFE = field.get(null);
            INVOKE_CLEANER = type.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Unmapping() {
    }

    /** Unmaps {@code buffer} now, the way Lucene, Netty and Chronicle do. */
    public static void unmapNow(MappedByteBuffer buffer) {
        try {
            INVOKE_CLEANER.invoke(UNSAFE, buffer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mapped buffers the JDK counts as live (the "mapped" buffer pool). */
    public static long liveMappedBuffers() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("mapped")) {
                return pool.getCount();
            }
        }
        return -1;
    }

    /** Runs the GC until at most {@code remaining} mapped buffers are live, or the deadline passes. */
    public static boolean awaitMappedBuffers(long remaining, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (liveMappedBuffers() > remaining) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            System.gc();
            Thread.sleep(10);
        }
        return true;
    }
}
