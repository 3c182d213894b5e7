package io.mapwatch.agent.ffm;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import io.mapwatch.agent.tooling.linux.LinuxCalls;
import io.mapwatch.agent.tooling.linux.MappedRegion;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The agent's Linux calls through the FFM API (JDK 22+; written against the API of JDK 25, which
 * is the same for these calls since 22). The only code of the agent that calls restricted
 * methods, in a named module of its own that has native access (see the tooling's
 * {@code NativeLayer}). x86-64 Linux: {@code perf_event_open} and {@code cachestat} have no glibc
 * wrapper, so they go through {@code syscall(2)} with x86-64's numbers, and the constructor fails
 * on other architectures.
 *
 * <p>The calls made once (opening the perf events, mapping their buffers, eventfd) allocate their
 * arguments in a confined arena of their own. The calls made over and over (a residency pass's
 * open, cachestat and close; the exact mode's poll and its eventfd's read and write) use
 * {@link Scratch}, and the perf buffers are read and written by copying through it
 * ({@link FfmMappedRegion}), so no segment is accessed and no arena made after start-up. Only the
 * agent's sampler threads call these, apart from {@link #signal}.
 */
public final class FfmLinuxCalls implements LinuxCalls {
    private static final long SYS_PERF_EVENT_OPEN = 298;
    private static final long SYS_CACHESTAT = 451;
    private static final int PROT_READ_WRITE = 0x1 | 0x2;
    private static final int MAP_SHARED = 0x01;
    private static final int O_RDONLY_CLOEXEC = 0x80000;
    private static final int EFD_CLOEXEC_NONBLOCK = 0x80000 | 0x800;
    private static final short POLLIN = 0x1;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int CACHESTAT_FIELDS = 5;
    private static final int ENAMETOOLONG = 36;
    private static final int EINVAL = 22;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final StructLayout POLL_FD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    private final MethodHandle syscall6;
    private final MethodHandle syscall4;
    private final MethodHandle ioctl;
    private final MethodHandle mmap;
    private final MethodHandle munmap;
    private final MethodHandle poll;
    private final MethodHandle eventfd;
    private final MethodHandle read;
    private final MethodHandle write;
    private final MethodHandle open;
    private final MethodHandle close;
    private final MethodHandle memcpy;

    public FfmLinuxCalls() {
        String arch = System.getProperty("os.arch");
        if (!"amd64".equals(arch) && !"x86_64".equals(arch)) {
            throw new UnsupportedOperationException("system call numbers are known for x86-64 only, not " + arch);
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        syscall6 = downcall(linker, libc, "syscall", FunctionDescriptor.of(JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), errno, Linker.Option.firstVariadicArg(1));
        syscall4 = downcall(linker, libc, "syscall", FunctionDescriptor.of(JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), errno, Linker.Option.firstVariadicArg(1));
        ioctl = downcall(linker, libc, "ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG),
                errno, Linker.Option.firstVariadicArg(2));
        mmap = downcall(linker, libc, "mmap", FunctionDescriptor.of(ADDRESS,
                ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), errno);
        munmap = downcall(linker, libc, "munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG), errno);
        poll = downcall(linker, libc, "poll", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), errno);
        eventfd = downcall(linker, libc, "eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errno);
        read = downcall(linker, libc, "read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), errno);
        write = downcall(linker, libc, "write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), errno);
        open = downcall(linker, libc, "open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
                errno, Linker.Option.firstVariadicArg(2));
        close = downcall(linker, libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
        memcpy = downcall(linker, libc, "memcpy", FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                Linker.Option.critical(false));
    }

    private static MethodHandle downcall(Linker linker, SymbolLookup libc, String name, FunctionDescriptor descriptor,
                                         Linker.Option... options) {
        MemorySegment symbol = libc.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
        return linker.downcallHandle(symbol, descriptor, options);
    }

    @Override
    public int perfEventOpen(byte[] attr, int pid, int cpu, int groupFd, long flags) throws ErrnoException {
        return (int) call("perf_event_open", (state, arena) -> {
            MemorySegment attrSegment = arena.allocate(attr.length, 8);
            MemorySegment.copy(attr, 0, attrSegment, JAVA_BYTE, 0, attr.length);
            return (long) syscall6.invokeExact(state, SYS_PERF_EVENT_OPEN, attrSegment.address(),
                    (long) pid, (long) cpu, (long) groupFd, flags);
        });
    }

    @Override
    public void ioctl(int fd, long request, long argument) throws ErrnoException {
        call("ioctl", (state, arena) -> (int) ioctl.invokeExact(state, fd, request, argument));
    }

    @Override
    public MappedRegion mapShared(int fd, long length) throws ErrnoException {
        long address = call("mmap", (state, arena) -> ((MemorySegment) mmap.invokeExact(state, MemorySegment.NULL,
                length, PROT_READ_WRITE, MAP_SHARED, fd, 0L)).address()); // MAP_FAILED is -1
        return new FfmMappedRegion(address, length, this);
    }

    /** The 8 bytes at {@code address} (memory the agent mapped), read through the thread's scratch buffer. */
    long peek(long address) {
        Scratch scratch = SCRATCH.get();
        memcpy(scratch.address + Scratch.DATA, address, Long.BYTES);
        return scratch.memory.getLong(Scratch.DATA);
    }

    /** Writes the 8 bytes at {@code address} (memory the agent mapped) through the thread's scratch buffer. */
    void poke(long address, long value) {
        Scratch scratch = SCRATCH.get();
        scratch.memory.putLong(Scratch.DATA, value);
        memcpy(address, scratch.address + Scratch.DATA, Long.BYTES);
    }

    /** Copies {@code length} bytes from {@code address} (memory the agent mapped) into {@code into}. */
    void copy(long address, byte[] into, int at, int length) {
        Scratch scratch = SCRATCH.get();
        int chunk = Scratch.SIZE - Scratch.DATA;
        for (int done = 0; done < length; done += chunk) {
            int bytes = Math.min(chunk, length - done);
            memcpy(scratch.address + Scratch.DATA, address + done, bytes);
            scratch.memory.get(Scratch.DATA, into, at + done, bytes);
        }
    }

    private void memcpy(long to, long from, long bytes) {
        try {
            long ignored = (long) memcpy.invokeExact(to, from, bytes);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("memcpy could not be called", t);
        }
    }

    void unmap(long address, long length) throws ErrnoException {
        call("munmap", (state, arena) -> (int) munmap.invokeExact(state, MemorySegment.ofAddress(address), length));
    }

    @Override
    public int poll(int[] fds, short[] revents, int timeoutMillis) throws ErrnoException {
        Scratch scratch = SCRATCH.get();
        ByteBuffer memory = scratch.memory;
        int size = (int) POLL_FD.byteSize();
        if (fds.length > (Scratch.SIZE - Scratch.DATA) / size) {
            throw new ErrnoException("poll", EINVAL);
        }
        for (int i = 0; i < fds.length; i++) {
            memory.putInt(Scratch.DATA + i * size, fds[i]).putShort(Scratch.DATA + i * size + 4, POLLIN)
                    .putShort(Scratch.DATA + i * size + 6, (short) 0);
        }
        long ready = scratch.callOrErrno("poll", () -> (int) poll.invokeExact(scratch.state, scratch.address + Scratch.DATA, (long) fds.length,
                timeoutMillis));
        if (ready < 0) {
            if (-ready == EINTR) {
                return 0;
            }
            throw new ErrnoException("poll", (int) -ready);
        }
        for (int i = 0; i < fds.length; i++) {
            revents[i] = memory.getShort(Scratch.DATA + i * size + 6);
        }
        return (int) ready;
    }

    @Override
    public int eventFd() throws ErrnoException {
        return (int) call("eventfd", (state, arena) -> (int) eventfd.invokeExact(state, 0, EFD_CLOEXEC_NONBLOCK));
    }

    @Override
    public void signal(int eventFd) throws ErrnoException {
        Scratch scratch = SIGNAL; // an application thread may signal (a map alerts the stall watcher): no buffer of its own
        synchronized (scratch) {
            scratch.memory.putLong(Scratch.DATA, 1L);
            scratch.call("write", () -> (long) write.invokeExact(scratch.state, eventFd, scratch.address + Scratch.DATA, 8L));
        }
    }

    @Override
    public void clear(int eventFd) throws ErrnoException {
        Scratch scratch = SCRATCH.get();
        long got = scratch.callOrErrno("read", () -> (long) read.invokeExact(scratch.state, eventFd, scratch.address + Scratch.DATA, 8L));
        if (got < 0 && -got != EAGAIN) { // EAGAIN: it was zero
            throw new ErrnoException("read", (int) -got);
        }
    }

    @Override
    public int openReadOnly(String path) throws ErrnoException {
        Scratch scratch = SCRATCH.get();
        if (!scratch.putPath(path)) {
            throw new ErrnoException("open", ENAMETOOLONG);
        }
        return (int) scratch.call("open", () -> (int) open.invokeExact(scratch.state, scratch.data, O_RDONLY_CLOEXEC));
    }

    @Override
    public void close(int fd) throws ErrnoException {
        Scratch scratch = SCRATCH.get();
        scratch.call("close", () -> (int) close.invokeExact(scratch.state, fd));
    }

    @Override
    public void cachestat(int fd, long offset, long length, long[] into) throws ErrnoException {
        Scratch scratch = SCRATCH.get();
        ByteBuffer memory = scratch.memory;
        int range = Scratch.DATA;
        int stat = Scratch.DATA + 2 * Long.BYTES;
        memory.putLong(range, offset).putLong(range + Long.BYTES, length);
        scratch.call("cachestat", () -> (long) syscall4.invokeExact(scratch.state, SYS_CACHESTAT, (long) fd,
                scratch.address + range, scratch.address + stat, 0L));
        for (int i = 0; i < CACHESTAT_FIELDS; i++) {
            into[i] = memory.getLong(stat + i * Long.BYTES);
        }
    }

    /**
     * The memory of the calls made many times (a residency pass's open, cachestat and close; the
     * exact mode's poll, read and its copies out of the perf buffers): one plain direct buffer per
     * thread (and one shared by the threads that signal, which may be the application's), read
     * and written as a {@link ByteBuffer}, its address passed as a number where the call allows.
     * No arena, no segment access: in a JVM whose application reads mapped files through
     * {@code MemorySegment} (Lucene on JDK 21+), the agent's own segment accesses and arenas,
     * dozens a pass, made that application's searches 20% slower on JDK 25 (docs/benchmarks.md).
     * A plain direct buffer (no segment behind it) looks to the JDK code it goes through like the
     * application's own direct and mapped buffers.
     */
    private static final class Scratch {
        static final int DATA = 64;
        private static final int SIZE = 8192;

        final ByteBuffer memory = ByteBuffer.allocateDirect(SIZE).order(ByteOrder.nativeOrder());
        final long address = MemorySegment.ofBuffer(memory).address();
        final MemorySegment state = MemorySegment.ofBuffer(memory.slice(0, (int) CALL_STATE.byteSize()));
        final MemorySegment data = MemorySegment.ofBuffer(memory.slice(DATA, SIZE - DATA));
        private final int errnoOffset = (int) CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

        /** Writes {@code path} as a NUL-terminated string at {@link #DATA}; false if it does not fit. */
        boolean putPath(String path) {
            byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
            if (bytes.length + 1 > SIZE - DATA) {
                return false;
            }
            memory.put(DATA, bytes).put(DATA + bytes.length, (byte) 0);
            return true;
        }

        long call(String name, ScratchCall call) throws ErrnoException {
            long result = callOrErrno(name, call);
            if (result < 0) {
                throw new ErrnoException(name, (int) -result);
            }
            return result;
        }

        /** The call's result, or minus its errno when it failed. */
        long callOrErrno(String name, ScratchCall call) {
            long result;
            try {
                result = call.invoke();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(name + " could not be called", t);
            }
            return result < 0 ? -Math.max(1, memory.getInt(errnoOffset)) : result;
        }
    }

    private interface ScratchCall {
        long invoke() throws Throwable;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /** The memory of {@link #signal}, shared by the threads that signal, one at a time. */
    private static final Scratch SIGNAL = new Scratch();

    /** One native call, with the arena its arguments live in and the state that captures its errno. */
    private interface NativeCall {
        long invoke(MemorySegment state, Arena arena) throws Throwable;
    }

    /** Runs {@code call}; a negative result is a failure with the captured errno. */
    private static long call(String name, NativeCall call) throws ErrnoException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            long result = call.invoke(state, arena);
            if (result < 0) {
                throw new ErrnoException(name, errno(state));
            }
            return result;
        } catch (ErrnoException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(name + " could not be called", t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
