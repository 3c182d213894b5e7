package io.mapwatch.agent.bootstrap;

import io.mapwatch.events.MappedReadEvent;
import io.mapwatch.events.MappedWriteEvent;

import java.io.FileDescriptor;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The logic behind the advice on bulk copies out of and into buffers and segments. Runs on every
 * bulk copy of every direct buffer in the JVM, so the order of its checks is its cost:
 * <ol>
 *   <li>is the copy too small to be worth timing ({@link #SMALLEST_TIMED_BYTES})? One compare;
 *       readers of small records (Lucene) make millions of such copies a second.</li>
 *   <li>is the memory mapped? A field load for buffers ({@code MappedByteBuffer.fd} is non-null for
 *       a mapped buffer and every slice or duplicate of it), a class compare for segments. Copies
 *       of ordinary direct buffers and native segments stop here.</li>
 *   <li>does a recording want the event? A static field chain inside JFR.</li>
 *   <li>is this copy timed? Always when it copies at least {@link #ALWAYS_TIMED_BYTES}; a smaller
 *       one of {@code n} bytes with probability {@code n / SAMPLING_SPAN}, drawn from the
 *       thread's own random state (no thread-local lookup, nothing shared between threads).</li>
 * </ol>
 * Only a timed copy allocates an event and reads the clock; only one that took longer than the
 * event's threshold looks up its mapping. Lock-free, no I/O, and nothing here throws on a normal
 * path. The advice commits what the {@code ...Finished} methods return, so that the event's stack
 * trace starts at the JDK's copy method (see {@link MapDispatcher}).
 */
public final class AccessDispatcher {
    /**
     * Copies of at least this size are always timed: reading the clock twice costs a few percent
     * of such a copy out of a hot mapping at most.
     */
    public static final int ALWAYS_TIMED_BYTES = 64 << 10;
    /**
     * A smaller copy of {@code n} bytes is timed with probability {@code n / SAMPLING_SPAN}: one
     * 4 KiB copy in 256. Timing a copy costs a few hundred nanoseconds in a stream of copies (the
     * clock read waits for the copy's loads), as much as a 4 KiB copy itself; in proportion to
     * size, the timing cost per byte copied is the same for every small copy and far below that
     * of an always-timed one.
     */
    public static final int SAMPLING_SPAN = 1 << 20;
    /**
     * Copies smaller than this are never timed: sampled they would be one in 4,096 or fewer, and
     * drawing that chance on each of them cost a search engine's queries 2-3% (pinned pairs).
     */
    public static final int SMALLEST_TIMED_BYTES = 256;

    private static final MappedReadEvent READS = new MappedReadEvent();
    private static final MappedWriteEvent WRITES = new MappedWriteEvent();

    private static final MappedRangeEvents.Fields<MappedReadEvent> READ_RANGE = new MappedRangeEvents.Fields<>() {
        @Override
        public void fill(MappedReadEvent event, String path, long address, long offset, long length) {
            event.path = path;
            event.offset = offset;
            event.bytesRead = length;
        }
    };

    private static final MappedRangeEvents.Fields<MappedWriteEvent> WRITE_RANGE = new MappedRangeEvents.Fields<>() {
        @Override
        public void fill(MappedWriteEvent event, String path, long address, long offset, long length) {
            event.path = path;
            event.offset = offset;
            event.bytesWritten = length;
        }
    };

    /**
     * {@code MappedByteBuffer.fd}; null unless the tooling opened {@code java.nio} to this module
     * before this class was initialized. A static final handle is a constant to the JIT, so the
     * check compiles to a field load.
     */
    private static final VarHandle MAPPED_FD = nioField(MappedByteBuffer.class, "fd", FileDescriptor.class);
    /** {@code Buffer.address}, read only for copies that are reported. */
    private static final VarHandle BUFFER_ADDRESS = nioField(Buffer.class, "address", long.class);

    /** JDK 22+: the class of every mapped segment and its slices; null before. */
    private static final Class<?> MAPPED_SEGMENT = mappedSegmentClass();
    /** {@code MemorySegment.address()} and {@code MemoryLayout.byteSize()}, typed on Object. */
    private static final MethodHandle SEGMENT_ADDRESS = MAPPED_SEGMENT == null ? null
            : publicGetter("java.lang.foreign.MemorySegment", "address");
    private static final MethodHandle LAYOUT_BYTE_SIZE = MAPPED_SEGMENT == null ? null
            : publicGetter("java.lang.foreign.MemoryLayout", "byteSize");

    private AccessDispatcher() {
    }

    /** Whether mapped buffers can be told from others; false when {@code java.nio} was not opened to us. */
    public static boolean canCheckBuffers() {
        if (MAPPED_FD == null || BUFFER_ADDRESS == null) {
            return false;
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(1);
        return !isMapped(direct) && bufferAddress(direct) != 0; // also links both handles
    }

    /** Whether mapped segments can be told from others (JDK 22+). */
    public static boolean canCheckSegments() {
        return MAPPED_SEGMENT != null && SEGMENT_ADDRESS != null && LAYOUT_BYTE_SIZE != null;
    }

    // ---- ByteBuffer: getArray, putArray, putBuffer --------------------------------------------

    /** Before a bulk copy out of {@code buffer}: the started event when this copy is timed, else null. */
    public static MappedReadEvent bufferReadStarting(ByteBuffer buffer, int length) {
        return length >= SMALLEST_TIMED_BYTES && isMapped(buffer) ? readStarting(length) : null;
    }

    /** Before a bulk copy into {@code buffer}: the started event when this copy is timed, else null. */
    public static MappedWriteEvent bufferWriteStarting(ByteBuffer buffer, int length) {
        return length >= SMALLEST_TIMED_BYTES && isMapped(buffer) ? writeStarting(length) : null;
    }

    /**
     * After a copy of {@code length} bytes out of {@code buffer} from {@code index}: the filled
     * event when it is to be committed (by the advice), else null.
     */
    public static MappedReadEvent bufferReadFinished(MappedReadEvent event, ByteBuffer buffer, int index, int length) {
        return event == null ? null : finished(event, bufferAddress(buffer) + index, length);
    }

    public static MappedWriteEvent bufferWriteFinished(MappedWriteEvent event, ByteBuffer buffer, int index, int length) {
        return event == null ? null : finished(event, bufferAddress(buffer) + index, length);
    }

    static boolean isMapped(ByteBuffer buffer) {
        return buffer instanceof MappedByteBuffer && (FileDescriptor) MAPPED_FD.get((MappedByteBuffer) buffer) != null;
    }

    private static long bufferAddress(ByteBuffer buffer) {
        return (long) BUFFER_ADDRESS.get((Buffer) buffer);
    }

    // ---- MemorySegment.copy (JDK 22+), arguments typed Object: this code is built for JDK 17 -----

    /**
     * Before a copy out of {@code segment} of {@code count} elements of {@code layout}, or of
     * {@code count} bytes when {@code layout} is null.
     */
    public static MappedReadEvent segmentReadStarting(Object segment, Object layout, long count) {
        return !fewElements(count) && isMappedSegment(segment) ? readStarting(bytes(layout, count)) : null;
    }

    public static MappedWriteEvent segmentWriteStarting(Object segment, Object layout, long count) {
        return !fewElements(count) && isMappedSegment(segment) ? writeStarting(bytes(layout, count)) : null;
    }

    /** Too few elements of any layout (8 bytes at most) to reach {@link #SMALLEST_TIMED_BYTES}: no layout call. */
    private static boolean fewElements(long count) {
        return count < SMALLEST_TIMED_BYTES / Long.BYTES;
    }

    /**
     * After a copy out of {@code segment} from {@code offset}, described as for
     * {@link #segmentReadStarting}: the filled event when it is to be committed, else null.
     */
    public static MappedReadEvent segmentReadFinished(MappedReadEvent event, Object segment, long offset, Object layout, long count) {
        return event == null ? null : finished(event, segmentAddress(segment) + offset, bytes(layout, count));
    }

    public static MappedWriteEvent segmentWriteFinished(MappedWriteEvent event, Object segment, long offset, Object layout, long count) {
        return event == null ? null : finished(event, segmentAddress(segment) + offset, bytes(layout, count));
    }

    private static boolean isMappedSegment(Object segment) {
        return segment != null && segment.getClass() == MAPPED_SEGMENT;
    }

    private static long bytes(Object layout, long count) {
        if (layout == null) {
            return count;
        }
        try {
            return count * (long) LAYOUT_BYTE_SIZE.invokeExact(layout);
        } catch (Throwable impossible) {
            return count; // a plain getter on a non-null layout; counting elements is the safe fallback
        }
    }

    private static long segmentAddress(Object segment) {
        try {
            return (long) SEGMENT_ADDRESS.invokeExact(segment);
        } catch (Throwable impossible) {
            return 0; // no mapping contains address 0: the event says "not tracked"
        }
    }

    // ---- timing -------------------------------------------------------------------------------

    private static MappedReadEvent readStarting(long bytes) {
        return READS.isEnabled() && timed(bytes) ? MappedRangeEvents.started(new MappedReadEvent()) : null;
    }

    private static MappedWriteEvent writeStarting(long bytes) {
        return WRITES.isEnabled() && timed(bytes) ? MappedRangeEvents.started(new MappedWriteEvent()) : null;
    }

    /** Always for large copies; a smaller one of {@code bytes} with probability {@code bytes / SAMPLING_SPAN}. */
    static boolean timed(long bytes) {
        return bytes >= ALWAYS_TIMED_BYTES
                || (bytes >= SMALLEST_TIMED_BYTES && (ThreadLocalRandom.current().nextInt() & (SAMPLING_SPAN - 1)) < bytes);
    }

    private static MappedReadEvent finished(MappedReadEvent event, long address, long bytes) {
        return MappedRangeEvents.finished(event, address, bytes, READ_RANGE);
    }

    private static MappedWriteEvent finished(MappedWriteEvent event, long address, long bytes) {
        return MappedRangeEvents.finished(event, address, bytes, WRITE_RANGE);
    }

    // ---- handles ------------------------------------------------------------------------------

    private static VarHandle nioField(Class<?> owner, String name, Class<?> type) {
        try {
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            return null;
        }
    }

    private static Class<?> mappedSegmentClass() {
        if (Runtime.version().feature() < 22) {
            return null; // MemorySegment is final API from JDK 22; 17 has only the incubator
        }
        try {
            return Class.forName("jdk.internal.foreign.MappedMemorySegmentImpl", false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    /** A public no-argument method returning long, as a handle of type {@code (Object)long}. */
    private static MethodHandle publicGetter(String typeName, String method) {
        try {
            Class<?> type = Class.forName(typeName, false, null);
            return MethodHandles.publicLookup().findVirtual(type, method, MethodType.methodType(long.class))
                    .asType(MethodType.methodType(long.class, Object.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
