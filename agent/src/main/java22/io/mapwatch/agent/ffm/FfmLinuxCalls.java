package io.mapwatch.agent.ffm;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import io.mapwatch.agent.tooling.linux.LinuxCalls;
import io.mapwatch.agent.tooling.linux.MappedRegion;
import io.mapwatch.kernel.procfs.NativeBytes;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The agent's Linux calls through the FFM API (JDK 22+; written against the API of JDK 25, which
 * is the same for these calls since 22). The only code of the agent that calls restricted
 * methods, in a named module of its own that has native access (see the tooling's
 * {@code NativeLayer}). x86-64 Linux: {@code perf_event_open} and {@code cachestat} have no glibc
 * wrapper, so they go through {@code syscall(2)} with x86-64's numbers, and the constructor fails
 * on other architectures.
 *
 * <p>Every call's arguments and results pass through the calling thread's {@link Scratch}: native
 * memory that Java code never reads or writes as a buffer or a segment. Its bytes are copied to
 * and from a {@code byte[]} by {@code memcpy} (a critical downcall that may take a heap array) and
 * read there with {@link NativeBytes}; the perf buffers are read and written the same way
 * ({@link FfmMappedRegion}). So the agent makes no arena, and it accesses no segment and no
 * buffer through the JDK code its application's reads go through: the JIT compiles an
 * application's hot read with the profile of every caller of that code, and an agent that read
 * native-order numbers through it before the application's reads were compiled changed the code
 * the JIT made for a JVM reading a big-endian mapped buffer (docs/benchmarks.md). Only the
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
    private static final int POLL_FD_BYTES = 8; // struct pollfd: int fd, short events, short revents
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int CACHESTAT_FIELDS = 5;
    private static final int ENAMETOOLONG = 36;
    private static final int EINVAL = 22;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final int ERRNO_OFFSET = (int) CALL_STATE.byteOffset(MemoryLayout.PathElement.groupElement("errno"));

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
    private final MethodHandle toJava;
    private final MethodHandle toNative;
    private final ThreadLocal<Scratch> scratches = ThreadLocal.withInitial(Scratch::new);
    /** The memory of {@link #signal}, shared by the threads that signal, one at a time. */
    private final Scratch signalling = new Scratch();

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
        mmap = downcall(linker, libc, "mmap", FunctionDescriptor.of(JAVA_LONG,
                JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG), errno);
        munmap = downcall(linker, libc, "munmap", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG), errno);
        poll = downcall(linker, libc, "poll", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT), errno);
        eventfd = downcall(linker, libc, "eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT), errno);
        read = downcall(linker, libc, "read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), errno);
        write = downcall(linker, libc, "write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG), errno);
        open = downcall(linker, libc, "open", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT),
                errno, Linker.Option.firstVariadicArg(2));
        close = downcall(linker, libc, "close", FunctionDescriptor.of(JAVA_INT, JAVA_INT), errno);
        // memcpy between native memory and a byte[]: critical (no thread-state change), heap access allowed
        toJava = downcall(linker, libc, "memcpy", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG, JAVA_LONG),
                Linker.Option.critical(true));
        toNative = downcall(linker, libc, "memcpy", FunctionDescriptor.ofVoid(JAVA_LONG, ADDRESS, JAVA_LONG),
                Linker.Option.critical(true));
    }

    private static MethodHandle downcall(Linker linker, SymbolLookup libc, String name, FunctionDescriptor descriptor,
                                         Linker.Option... options) {
        MemorySegment symbol = libc.find(name).orElseThrow(() -> new UnsupportedOperationException("libc has no " + name));
        return linker.downcallHandle(symbol, descriptor, options);
    }

    @Override
    public int perfEventOpen(byte[] attr, int pid, int cpu, int groupFd, long flags) throws ErrnoException {
        Scratch scratch = scratches.get();
        if (attr.length > Scratch.DATA_BYTES) {
            throw new ErrnoException("perf_event_open", EINVAL);
        }
        System.arraycopy(attr, 0, scratch.bytes, 0, attr.length);
        toNative(scratch.data, scratch, attr.length);
        return (int) call(scratch, "perf_event_open", () -> (long) syscall6.invokeExact(scratch.state,
                SYS_PERF_EVENT_OPEN, scratch.data, (long) pid, (long) cpu, (long) groupFd, flags));
    }

    @Override
    public void ioctl(int fd, long request, long argument) throws ErrnoException {
        Scratch scratch = scratches.get();
        call(scratch, "ioctl", () -> (int) ioctl.invokeExact(scratch.state, fd, request, argument));
    }

    @Override
    public MappedRegion mapShared(int fd, long length) throws ErrnoException {
        Scratch scratch = scratches.get();
        long address = call(scratch, "mmap", () -> (long) mmap.invokeExact(scratch.state, 0L, length, PROT_READ_WRITE,
                MAP_SHARED, fd, 0L)); // MAP_FAILED is -1
        return new FfmMappedRegion(address, length, this);
    }

    /** The 8 bytes at {@code address} (memory the agent mapped). */
    long peek(long address) {
        Scratch scratch = scratches.get();
        toJava(scratch, address, Long.BYTES);
        return NativeBytes.getLong(scratch.bytes, 0);
    }

    /** Writes the 8 bytes at {@code address} (memory the agent mapped). */
    void poke(long address, long value) {
        Scratch scratch = scratches.get();
        NativeBytes.putLong(scratch.bytes, 0, value);
        toNative(address, scratch, Long.BYTES);
    }

    /** Copies {@code length} bytes from {@code address} (memory the agent mapped) into {@code into}. */
    void copy(long address, byte[] into, int at, int length) {
        Scratch scratch = scratches.get();
        for (int done = 0; done < length; done += Scratch.SIZE) {
            int bytes = Math.min(Scratch.SIZE, length - done);
            toJava(scratch, address + done, bytes);
            System.arraycopy(scratch.bytes, 0, into, at + done, bytes);
        }
    }

    /** Copies {@code length} bytes from native memory at {@code from} to the start of {@code scratch}'s array. */
    private void toJava(Scratch scratch, long from, int length) {
        try {
            toJava.invokeExact(scratch.heap, from, (long) length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("memcpy could not be called", t);
        }
    }

    /** Copies the first {@code length} bytes of {@code scratch}'s array to native memory at {@code to}. */
    private void toNative(long to, Scratch scratch, int length) {
        try {
            toNative.invokeExact(to, scratch.heap, (long) length);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("memcpy could not be called", t);
        }
    }

    void unmap(long address, long length) throws ErrnoException {
        Scratch scratch = scratches.get();
        call(scratch, "munmap", () -> (int) munmap.invokeExact(scratch.state, address, length));
    }

    @Override
    public int poll(int[] fds, short[] revents, int timeoutMillis) throws ErrnoException {
        Scratch scratch = scratches.get();
        if (fds.length > Scratch.DATA_BYTES / POLL_FD_BYTES) {
            throw new ErrnoException("poll", EINVAL);
        }
        byte[] bytes = scratch.bytes;
        for (int i = 0; i < fds.length; i++) {
            NativeBytes.putInt(bytes, i * POLL_FD_BYTES, fds[i]);
            NativeBytes.putShort(bytes, i * POLL_FD_BYTES + 4, POLLIN);
            NativeBytes.putShort(bytes, i * POLL_FD_BYTES + 6, (short) 0);
        }
        int length = fds.length * POLL_FD_BYTES;
        toNative(scratch.data, scratch, length);
        long ready = callOrErrno(scratch, "poll", () -> (int) poll.invokeExact(scratch.state, scratch.data,
                (long) fds.length, timeoutMillis));
        if (ready < 0) {
            if (-ready == EINTR) {
                return 0;
            }
            throw new ErrnoException("poll", (int) -ready);
        }
        toJava(scratch, scratch.data, length);
        for (int i = 0; i < fds.length; i++) {
            revents[i] = NativeBytes.getShort(bytes, i * POLL_FD_BYTES + 6);
        }
        return (int) ready;
    }

    @Override
    public int eventFd() throws ErrnoException {
        Scratch scratch = scratches.get();
        return (int) call(scratch, "eventfd", () -> (int) eventfd.invokeExact(scratch.state, 0, EFD_CLOEXEC_NONBLOCK));
    }

    @Override
    public void signal(int eventFd) throws ErrnoException {
        Scratch scratch = signalling; // an application thread may signal (a map alerts the stall watcher): no memory of its own
        synchronized (scratch) {
            NativeBytes.putLong(scratch.bytes, 0, 1L);
            toNative(scratch.data, scratch, Long.BYTES);
            call(scratch, "write", () -> (long) write.invokeExact(scratch.state, eventFd, scratch.data, 8L));
        }
    }

    @Override
    public void clear(int eventFd) throws ErrnoException {
        Scratch scratch = scratches.get();
        long got = callOrErrno(scratch, "read", () -> (long) read.invokeExact(scratch.state, eventFd, scratch.data, 8L));
        if (got < 0 && -got != EAGAIN) { // EAGAIN: it was zero
            throw new ErrnoException("read", (int) -got);
        }
    }

    @Override
    public int openReadOnly(String path) throws ErrnoException {
        Scratch scratch = scratches.get();
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length + 1 > Scratch.DATA_BYTES) {
            throw new ErrnoException("open", ENAMETOOLONG);
        }
        System.arraycopy(name, 0, scratch.bytes, 0, name.length);
        scratch.bytes[name.length] = 0;
        toNative(scratch.data, scratch, name.length + 1);
        return (int) call(scratch, "open", () -> (int) open.invokeExact(scratch.state, scratch.data, O_RDONLY_CLOEXEC));
    }

    @Override
    public void close(int fd) throws ErrnoException {
        Scratch scratch = scratches.get();
        call(scratch, "close", () -> (int) close.invokeExact(scratch.state, fd));
    }

    @Override
    public void cachestat(int fd, long offset, long length, long[] into) throws ErrnoException {
        Scratch scratch = scratches.get();
        long range = scratch.data;
        long stat = scratch.data + 2 * Long.BYTES;
        NativeBytes.putLong(scratch.bytes, 0, offset);
        NativeBytes.putLong(scratch.bytes, Long.BYTES, length);
        toNative(range, scratch, 2 * Long.BYTES);
        call(scratch, "cachestat", () -> (long) syscall4.invokeExact(scratch.state, SYS_CACHESTAT, (long) fd, range,
                stat, 0L));
        toJava(scratch, stat, CACHESTAT_FIELDS * Long.BYTES);
        for (int i = 0; i < CACHESTAT_FIELDS; i++) {
            into[i] = NativeBytes.getLong(scratch.bytes, i * Long.BYTES);
        }
    }

    /** The result of {@code call}; a negative one is a failure with the errno it captured. */
    private long call(Scratch scratch, String name, NativeCall call) throws ErrnoException {
        long result = callOrErrno(scratch, name, call);
        if (result < 0) {
            throw new ErrnoException(name, (int) -result);
        }
        return result;
    }

    /** The call's result, or minus its errno when it failed. */
    private long callOrErrno(Scratch scratch, String name, NativeCall call) {
        long result;
        try {
            result = call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(name + " could not be called", t);
        }
        if (result >= 0) {
            return result;
        }
        toJava(scratch, scratch.address + ERRNO_OFFSET, Integer.BYTES);
        return -Math.max(1, NativeBytes.getInt(scratch.bytes, 0));
    }

    private interface NativeCall {
        long invoke() throws Throwable;
    }

    /**
     * The memory of one thread's calls: native memory for the call's captured state (errno) and
     * its arguments and results at {@link #data}, and the {@code byte[]} they are copied through.
     * The native memory is a direct buffer's, kept alive by this object and never accessed as one.
     */
    private static final class Scratch {
        static final int SIZE = 8192;
        private static final int DATA = 64;
        static final int DATA_BYTES = SIZE - DATA;

        private final ByteBuffer memory = ByteBuffer.allocateDirect(SIZE);
        final long address = MemorySegment.ofBuffer(memory).address();
        final MemorySegment state = MemorySegment.ofBuffer(memory.slice(0, (int) CALL_STATE.byteSize()));
        final long data = address + DATA;
        final byte[] bytes = new byte[SIZE];
        final MemorySegment heap = MemorySegment.ofArray(bytes);
    }
}
