package io.mapwatch.agent.bootstrap;

import io.mapwatch.events.ForceEvent;
import io.mapwatch.events.LoadEvent;
import io.mapwatch.events.MapEvent;
import io.mapwatch.events.MapFailureEvent;
import io.mapwatch.events.MapwatchEvents;
import io.mapwatch.events.UnmapEvent;


/**
 * The logic behind the advice inlined into {@code FileChannelImpl}, its {@code Unmapper} and
 * {@code MappedMemoryUtils}. Called from JDK code on application threads and cleaner threads:
 * it never blocks, never throws on purpose (advice suppresses anything that escapes), and does
 * I/O only when a map fails.
 *
 * <p>It never commits an event with a stack trace itself: it fills the event and returns it, and
 * the advice commits it. JFR's stack trace starts at the caller of {@code commit()}, and the
 * advice is inlined into the JDK method, so the stack starts there and not in this class.
 */
public final class MapDispatcher {
    private static final MappedRangeEvents.Fields<ForceEvent> FORCE_RANGE = new MappedRangeEvents.Fields<>() {
        @Override
        public void fill(ForceEvent event, String path, long address, long offset, long length) {
            event.path = path;
            event.address = address;
            event.offset = offset;
            event.length = length;
        }
    };

    private static final MappedRangeEvents.Fields<LoadEvent> LOAD_RANGE = new MappedRangeEvents.Fields<>() {
        @Override
        public void fill(LoadEvent event, String path, long address, long offset, long length) {
            event.path = path;
            event.address = address;
            event.offset = offset;
            event.length = length;
        }
    };

    private MapDispatcher() {
    }

    // ---- map -------------------------------------------------------------------------------

    /** Entering {@code FileChannelImpl.mapInternal}. */
    public static MapCall mapStarting(String path, Object mode, long position, long size) {
        ThreadContext context = ThreadContext.get();
        String api = context.segmentMapDepth > 0 ? MapwatchEvents.API_MEMORY_SEGMENT : MapwatchEvents.API_BYTE_BUFFER;
        MapEvent event = new MapEvent();
        MapCall call = new MapCall(context.current, event, path, String.valueOf(mode), api,
                position, size, isOwnWork(context));
        context.current = call;
        event.begin();
        return call;
    }

    /**
     * Leaving the JDK's {@code FileDispatcher.size(fd)}: inside {@code mapInternal} that is the
     * JDK's own read of the file's size just before it maps (and grows the file when the map
     * reaches past its end). Taking it there spares the mapping thread a second {@code fstat}.
     * Every other {@code FileChannel.size()} of the application passes here too and costs one
     * thread-local read.
     */
    public static void sizeRead(long size) {
        MapCall call = ThreadContext.get().current;
        if (call != null && call.fileSize < 0 && !call.unmapperCreated && size >= 0) {
            call.fileSize = size;
        }
    }

    /** Leaving the constructor of {@code FileChannelImpl$Unmapper}: the kernel mapping exists. */
    public static void unmapperCreated(long address, long mappedSize) {
        MapCall call = ThreadContext.get().current;
        if (call != null && !call.unmapperCreated) {
            call.unmapperCreated = true;
            call.address = address;
            call.mappedSize = mappedSize;
        }
    }

    /**
     * Leaving {@code FileChannelImpl.mapInternal} normally: registers the mapping and returns its
     * filled event when a recording wants it, for the advice to commit; otherwise null.
     */
    public static MapEvent mapFinished(MapCall call, boolean returnedMapping) {
        if (call == null) {
            return null;
        }
        ThreadContext.get().current = call.outer;
        if (!returnedMapping || !call.unmapperCreated) {
            return null; // size 0 or a channel closed meanwhile: nothing was mapped
        }
        MapEvent event = call.event;
        event.end();
        String absolute = PathNames.absolute(call.path);
        boolean own = call.own || OwnFiles.isOwn(absolute);
        Mapping mapping = new Mapping(PathNames.shown(absolute), absolute, call.mode, call.api,
                call.position, call.size, call.mappedSize, call.address, call.fileSize, System.nanoTime(), own);
        MappingRegistry.add(mapping);
        boolean extended = call.fileSize >= 0 && call.fileSize < call.position + call.size;
        if (extended && !own) {
            HazardReporter.report(MapwatchEvents.HAZARD_FILE_EXTENDED_BY_MAP, mapping, call.position + call.size,
                    "a " + call.mode + " map grew the file from " + call.fileSize + " to " + (call.position + call.size) + " bytes");
        }
        if (own || !event.shouldCommit()) {
            return null;
        }
        mapping.describe(event);
        event.fileSize = mapping.fileSizeAtMap;
        event.fileExtended = extended;
        return event;
    }

    /**
     * Leaving {@code FileChannelImpl.mapInternal} by an exception: the filled failure event when a
     * recording wants it, for the advice to commit; otherwise null.
     */
    public static MapFailureEvent mapFailed(MapCall call, Throwable thrown) {
        if (call == null) {
            return null;
        }
        ThreadContext.get().current = call.outer;
        if (call.own) {
            return null;
        }
        MapFailureEvent event = new MapFailureEvent();
        if (!event.isEnabled()) {
            return null;
        }
        event.path = PathNames.shown(PathNames.absolute(call.path));
        event.mode = call.mode;
        event.position = call.position;
        event.size = call.size;
        event.message = describe(thrown);
        event.mapCount = ProcCounters.mapCount();
        event.maxMapCount = ProcCounters.maxMapCount();
        return event;
    }

    /** Entering {@code FileChannel.map(MapMode, long, long, Arena)} (or JDK 17's incubator path). */
    public static void segmentMapStarting() {
        ThreadContext.get().segmentMapDepth++;
    }

    public static void segmentMapFinished() {
        ThreadContext context = ThreadContext.get();
        if (context.segmentMapDepth > 0) {
            context.segmentMapDepth--;
        }
    }

    // ---- unmap: runs in cleaner threads, lock-free and I/O-free -----------------------------

    /** Entering {@code Unmapper.unmap()}, before munmap: after it the address may be reused. */
    public static Mapping unmapStarting(long address) {
        if (address == 0) {
            return null; // JDK 17 zeroes the address once unmapped
        }
        Mapping mapping = MappingRegistry.remove(address);
        if (mapping == null || mapping.own) {
            return null;
        }
        mapping.unmapStartNanos = System.nanoTime();
        UnmapEvent event = new UnmapEvent();
        event.begin();
        mapping.pendingUnmap = event;
        return mapping;
    }

    /** Leaving {@code Unmapper.unmap()}: the filled event for the advice to commit, or null. */
    public static UnmapEvent unmapFinished(Mapping mapping) {
        if (mapping == null) {
            return null;
        }
        UnmapEvent event = mapping.pendingUnmap;
        mapping.pendingUnmap = null;
        event.end();
        if (!event.shouldCommit()) {
            return null;
        }
        event.path = mapping.path;
        event.address = mapping.address;
        event.mappedSize = mapping.mappedSize;
        event.lifetime = mapping.unmapStartNanos - mapping.mappedAtNanos;
        event.trigger = trigger(mapping);
        return event;
    }

    private static String trigger(Mapping mapping) {
        if (MapwatchEvents.API_MEMORY_SEGMENT.equals(mapping.api)) {
            return MapwatchEvents.TRIGGER_ARENA;
        }
        // A MappedByteBuffer's cleaner runs on the Reference Handler thread when the GC found
        // the buffer unreachable; anywhere else it was Unsafe.invokeCleaner.
        return "Reference Handler".equals(Thread.currentThread().getName())
                ? MapwatchEvents.TRIGGER_GC
                : MapwatchEvents.TRIGGER_EXPLICIT;
    }

    // ---- force and load -------------------------------------------------------------------

    public static ForceEvent forceStarting() {
        return MappedRangeEvents.started(new ForceEvent());
    }

    public static LoadEvent loadStarting() {
        return MappedRangeEvents.started(new LoadEvent());
    }

    /**
     * Leaving {@code MappedMemoryUtils.force(fd, address, isSync, index, length)}: the filled
     * event for the advice to commit, or null.
     */
    public static ForceEvent forceFinished(ForceEvent event, long address, long index, long length) {
        return event == null ? null : MappedRangeEvents.finished(event, address + index, length, FORCE_RANGE);
    }

    /**
     * Leaving {@code MappedMemoryUtils.load(address, isSync, size)}: the filled event for the
     * advice to commit, or null.
     */
    public static LoadEvent loadFinished(LoadEvent event, long address, long length) {
        return event == null ? null : MappedRangeEvents.finished(event, address, length, LOAD_RANGE);
    }

    // ---- the agent's own work -------------------------------------------------------------

    /** Marks the current thread as doing the agent's own work until {@link #endOwnWork()}. */
    public static void beginOwnWork() {
        ThreadContext.get().ownWorkDepth++;
    }

    public static void endOwnWork() {
        ThreadContext context = ThreadContext.get();
        if (context.ownWorkDepth > 0) {
            context.ownWorkDepth--;
        }
    }

    private static boolean isOwnWork(ThreadContext context) {
        if (context.ownWorkDepth > 0) {
            return true;
        }
        String thread = Thread.currentThread().getName();
        return thread.startsWith("mapwatch-") || thread.startsWith("JFR ");
    }

    private static String describe(Throwable thrown) {
        StringBuilder text = new StringBuilder(thrown.toString());
        for (Throwable cause = thrown.getCause(); cause != null && cause != thrown; cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }
}
