package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.agent.tooling.linux.ErrnoException;
import io.mapwatch.agent.tooling.linux.LinuxCalls;
import io.mapwatch.agent.tooling.linux.MappedRegion;
import io.mapwatch.kernel.procfs.NativeBytes;
import io.mapwatch.kernel.procfs.CpuList;
import io.mapwatch.kernel.procfs.ProcessLimits;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The perf events that give every major fault of this process with its thread, time and address:
 * the software event {@code PERF_COUNT_SW_PAGE_FAULTS_MAJ}, sample period 1, user space only (what
 * an unprivileged process may count at {@code kernel.perf_event_paranoid} 2), timed on
 * CLOCK_MONOTONIC so that times compare with {@link System#nanoTime()}.
 *
 * <p>An inherited event for a task on every CPU ({@code cpu} -1) cannot be mmapped, so the
 * opening thread gets one event per CPU, with {@code inherit}: each has a ring buffer, and the
 * threads that thread starts afterwards, and theirs, write into it. The threads that already exist
 * (the JVM's at premain, every thread at a dynamic attach) get events of their own on every CPU,
 * also inherited, whose records go to the same buffers ({@code PERF_EVENT_IOC_SET_OUTPUT}): they
 * cost file descriptors, not locked memory. So every thread is covered, unless the descriptors
 * budgeted for them ran out ({@link #uncoveredThreads()} says how many were not).
 *
 * <p>Every {@value #WAKEUP_SAMPLES}th sample of a buffer wakes a reader polling the buffers, so the
 * stall watcher starts within that many major faults of a burst (an isolated fault is found by
 * the fault counters' next pass, as without the exact mode); an eventfd lets another thread end
 * that wait.
 */
final class MajorFaultEvents implements AutoCloseable {
    private static final int PERF_TYPE_SOFTWARE = 1;
    private static final long PERF_COUNT_SW_PAGE_FAULTS_MAJ = 6;
    private static final long SAMPLE_TID = 1L << 1;
    private static final long SAMPLE_TIME = 1L << 2;
    private static final long SAMPLE_ADDR = 1L << 3;
    private static final long INHERIT = 1L << 1;
    private static final long EXCLUDE_KERNEL = 1L << 5;
    private static final long EXCLUDE_HV = 1L << 6;
    private static final long USE_CLOCKID = 1L << 25;
    /** Forked child processes do not inherit the events, only threads do (kernel 5.13+). */
    private static final long INHERIT_THREAD = 1L << 35;
    private static final int CLOCK_MONOTONIC = 1;
    /** {@code PERF_ATTR_SIZE_VER5}: the first size with {@code clockid}, known to every kernel since 4.1. */
    static final int ATTR_SIZE = 112;
    private static final long FLAG_FD_CLOEXEC = 1L << 3;
    private static final long IOC_ENABLE = 0x2400;
    private static final long IOC_DISABLE = 0x2401;
    private static final long IOC_SET_OUTPUT = 0x2405;
    /**
     * Data pages per buffer, tried in turn while the kernel refuses the locked memory: 16 pages
     * hold 2,048 samples, more than a thread faults between two reads of the stall watcher.
     */
    private static final int[] DATA_PAGES = {16, 4, 1};
    /**
     * A poller of the buffers wakes after this many samples, not at each: the kernel signals every
     * wake-up with an interrupt to the faulting CPU (irq_work; on a virtual machine a self-IPI and
     * an exit to the hypervisor), whether anyone polls or not. One per fault cost pinned cold
     * random reads 15% of their throughput, one per 32 faults about 3% (docs/benchmarks.md). Less
     * than the smallest buffer holds (one page, 128 samples).
     */
    static final int WAKEUP_SAMPLES = 32;
    /** Descriptors for the events of existing threads: at most this many, and at most 1/8 of RLIMIT_NOFILE. */
    static final int MAX_THREAD_DESCRIPTORS = 4096;
    /** Listings of the threads after opening, to catch those started meanwhile by a thread not yet covered. */
    private static final int LISTING_ROUNDS = 5;
    private static final Path PARANOID = Paths.get("/proc/sys/kernel/perf_event_paranoid");
    private static final Path MLOCK_KB = Paths.get("/proc/sys/kernel/perf_event_mlock_kb");

    private final LinuxCalls calls;
    private final int[] leaders;
    /** The CPU of each of {@link #leaders}. */
    private final int[] leaderCpus;
    private final PerfRing[] rings;
    private final List<Integer> threadEvents = new ArrayList<>();
    private final int wakeFd;
    private final int[] pollFds;
    private final short[] revents;
    private int coveredThreads;
    private int uncoveredThreads;
    private String uncoveredReason;
    private boolean enabled = true;

    /** The kernel or the process refused: why, in a sentence. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private MajorFaultEvents(LinuxCalls calls, int[] leaders, int[] leaderCpus, PerfRing[] rings, int wakeFd) {
        this.calls = calls;
        this.leaders = leaders;
        this.leaderCpus = leaderCpus;
        this.rings = rings;
        this.wakeFd = wakeFd;
        this.pollFds = new int[leaders.length + 1];
        System.arraycopy(leaders, 0, pollFds, 0, leaders.length);
        pollFds[leaders.length] = wakeFd;
        this.revents = new short[pollFds.length];
    }

    /**
     * Opens the events on the calling thread (with {@code -javaagent}, the thread that runs
     * premain: the application's threads descend from it) and on every other thread of the process.
     */
    static MajorFaultEvents open(LinuxCalls calls, long pageSize) throws Refused {
        int[] cpus = cpusToWatch();
        List<Integer> leaders = new ArrayList<>();
        List<Integer> leaderCpus = new ArrayList<>();
        List<PerfRing> rings = new ArrayList<>();
        int wakeFd = -1;
        try {
            byte[] attribute = openLeaders(calls, cpus, leaders, leaderCpus);
            mapBuffers(calls, leaders, pageSize, rings);
            wakeFd = calls.eventFd();
            MajorFaultEvents events = new MajorFaultEvents(calls, toArray(leaders), toArray(leaderCpus),
                    rings.toArray(new PerfRing[0]), wakeFd);
            events.coverOtherThreads(attribute);
            return events;
        } catch (ErrnoException e) {
            closeQuietly(calls, leaders, rings, wakeFd);
            throw new Refused(whyRefused(e));
        } catch (Refused | RuntimeException e) {
            closeQuietly(calls, leaders, rings, wakeFd);
            throw e;
        }
    }

    /** One inherited event per CPU for the calling thread; the attribute the kernel took. */
    private static byte[] openLeaders(LinuxCalls calls, int[] cpus, List<Integer> leaders, List<Integer> leaderCpus)
            throws ErrnoException, Refused {
        boolean threadsOnly = true;
        for (int cpu : cpus) {
            try {
                leaders.add(calls.perfEventOpen(attribute(threadsOnly), 0, cpu, -1, FLAG_FD_CLOEXEC));
            } catch (ErrnoException e) {
                if (e.errno() == ErrnoException.EINVAL && leaders.isEmpty() && threadsOnly) {
                    threadsOnly = false; // a kernel before 5.13: forked children inherit too (their records are skipped)
                    leaders.add(calls.perfEventOpen(attribute(false), 0, cpu, -1, FLAG_FD_CLOEXEC));
                } else if (e.errno() == ErrnoException.ENODEV) { // that CPU went offline
                    continue;
                } else {
                    throw e;
                }
            }
            leaderCpus.add(cpu);
        }
        if (leaders.isEmpty()) {
            throw new Refused("no CPU to open perf events on (" + cpus.length + " allowed and online)");
        }
        return attribute(threadsOnly);
    }

    private static void mapBuffers(LinuxCalls calls, List<Integer> leaders, long pageSize, List<PerfRing> rings)
            throws ErrnoException {
        for (int i = 0; ; i++) {
            try {
                for (int fd : leaders) {
                    rings.add(new PerfRing(calls.mapShared(fd, (1 + DATA_PAGES[i]) * pageSize), pageSize));
                }
                return;
            } catch (ErrnoException e) {
                unmapQuietly(rings);
                boolean lockedMemory = e.errno() == ErrnoException.EPERM || e.errno() == ErrnoException.ENOMEM;
                if (!lockedMemory || i == DATA_PAGES.length - 1) {
                    throw e;
                }
            }
        }
    }

    /**
     * Gives every other thread of the process events of its own on every CPU, writing into the
     * buffers of the calling thread's; lists the threads again until no new one appears.
     */
    private void coverOtherThreads(byte[] attribute) {
        int self = currentThreadId();
        coveredThreads = 1;
        int budget = descriptorBudget();
        Set<Integer> seen = new HashSet<>();
        seen.add(self);
        for (int round = 0; round < LISTING_ROUNDS; round++) {
            boolean found = false;
            for (int tid : threadIds()) {
                if (!seen.add(tid)) {
                    continue;
                }
                found = true;
                if (threadEvents.size() + leaders.length > budget) {
                    uncovered("no descriptor left of the " + budget + " budgeted for the events of existing threads");
                    continue;
                }
                coverThread(tid, attribute);
            }
            if (!found) {
                return;
            }
        }
    }

    private void coverThread(int tid, byte[] attribute) {
        List<Integer> opened = new ArrayList<>();
        try {
            for (int i = 0; i < leaders.length; i++) {
                int fd = calls.perfEventOpen(attribute, tid, leaderCpus[i], -1, FLAG_FD_CLOEXEC);
                opened.add(fd);
                calls.ioctl(fd, IOC_SET_OUTPUT, leaders[i]);
            }
            threadEvents.addAll(opened);
            coveredThreads++;
        } catch (ErrnoException e) {
            opened.forEach(this::closeQuietly);
            if (e.errno() != ErrnoException.ESRCH) { // ESRCH: the thread ended meanwhile
                uncovered(e.getMessage());
            }
        }
    }

    private void uncovered(String reason) {
        uncoveredThreads++;
        if (uncoveredReason == null) {
            uncoveredReason = reason;
        }
    }

    /** Threads that have events: the opening thread and the threads that existed then and could be given theirs. */
    int coveredThreads() {
        return coveredThreads;
    }

    /** Threads that existed at the start and have no events: their major faults, and those of threads they start, are not counted. */
    int uncoveredThreads() {
        return uncoveredThreads;
    }

    /** Why the first uncovered thread is uncovered; null when all are covered. */
    String uncoveredReason() {
        return uncoveredReason;
    }

    int cpus() {
        return leaders.length;
    }

    PerfRing[] rings() {
        return rings;
    }

    boolean hasRecords() {
        for (PerfRing ring : rings) {
            if (ring.hasRecords()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits up to {@code nanos} ({@code Long.MAX_VALUE}: until {@link #wakeup()}) for a sample to
     * be written. A signal or a {@link #wakeup()} ends the wait early; a sample written since the
     * previous wait ends it at once.
     */
    void await(long nanos) throws ErrnoException {
        int timeout = nanos == Long.MAX_VALUE ? -1 : (int) Math.min(Integer.MAX_VALUE, Math.max(1, (nanos + 999_999) / 1_000_000));
        if (calls.poll(pollFds, revents, timeout) > 0 && revents[revents.length - 1] != 0) {
            calls.clear(wakeFd);
        }
    }

    /** Ends a wait in {@link #await} of another thread. */
    void wakeup() {
        try {
            calls.signal(wakeFd);
        } catch (ErrnoException | RuntimeException e) {
            // closed meanwhile: nobody waits
        }
    }

    /** Switches the events on or off (the threads' inherited copies with them). */
    void enable(boolean on) throws ErrnoException {
        if (on == enabled) {
            return;
        }
        long request = on ? IOC_ENABLE : IOC_DISABLE;
        for (int fd : leaders) {
            calls.ioctl(fd, request, 0);
        }
        for (int fd : threadEvents) {
            calls.ioctl(fd, request, 0);
        }
        enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    @Override
    public void close() {
        threadEvents.forEach(this::closeQuietly);
        threadEvents.clear();
        closeQuietly(calls, toList(leaders), new ArrayList<>(List.of(rings)), wakeFd);
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Integer> toList(int[] fds) {
        List<Integer> list = new ArrayList<>();
        for (int fd : fds) {
            list.add(fd);
        }
        return list;
    }

    private void closeQuietly(int fd) {
        try {
            calls.close(fd);
        } catch (ErrnoException | RuntimeException ignored) {
            // nothing to do about a descriptor that does not close
        }
    }

    private static void closeQuietly(LinuxCalls calls, List<Integer> fds, List<PerfRing> rings, int wakeFd) {
        unmapQuietly(rings);
        List<Integer> all = new ArrayList<>(fds);
        if (wakeFd >= 0) {
            all.add(wakeFd);
        }
        for (int fd : all) {
            try {
                calls.close(fd);
            } catch (ErrnoException | RuntimeException ignored) {
                // nothing to do about a descriptor that does not close
            }
        }
    }

    private static void unmapQuietly(List<PerfRing> rings) {
        for (PerfRing ring : rings) {
            try {
                ring.region().unmap();
            } catch (ErrnoException | RuntimeException ignored) {
                // an unmap that fails leaves the buffer mapped: nothing else to do
            }
        }
        rings.clear();
    }

    /**
     * The CPUs a thread of this process may run on: those online and in the calling thread's
     * affinity mask, which the threads it starts inherit. Faults on another CPU are not seen.
     */
    private static int[] cpusToWatch() throws Refused {
        try {
            int[] online = CpuList.parse(Files.readString(Paths.get("/sys/devices/system/cpu/online")));
            int[] allowed = CpuList.allowed(Files.readString(Paths.get("/proc/thread-self/status")));
            return allowed == null ? online : CpuList.both(online, allowed);
        } catch (IOException | RuntimeException e) {
            throw new Refused("the online CPUs cannot be read: " + e);
        }
    }

    private static int currentThreadId() {
        try { // "PID/task/TID"
            return Integer.parseInt(Files.readSymbolicLink(Paths.get("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static List<Integer> threadIds() {
        List<Integer> tids = new ArrayList<>();
        String[] names = new File("/proc/self/task").list();
        for (String name : names == null ? new String[0] : names) {
            try {
                tids.add(Integer.parseInt(name));
            } catch (NumberFormatException notAThread) {
                // only numbers name threads
            }
        }
        return tids;
    }

    /** Descriptors the events of existing threads may take: an eighth of RLIMIT_NOFILE, at most {@value #MAX_THREAD_DESCRIPTORS}. */
    private static int descriptorBudget() {
        long openFiles = limits().openFiles();
        return (int) Math.min(MAX_THREAD_DESCRIPTORS, openFiles < 0 ? 1024 / 8 : openFiles / 8);
    }

    private static ProcessLimits limits() {
        try {
            return ProcessLimits.parse(Files.readString(Paths.get("/proc/self/limits")));
        } catch (IOException | RuntimeException e) {
            return new ProcessLimits(-1, -1);
        }
    }

    /** A refusal in a sentence that names the setting behind it. */
    static String whyRefused(ErrnoException e) {
        String call = e.call();
        int errno = e.errno();
        String paranoid = setting(PARANOID);
        if (call.equals("mmap")) {
            long memlock = limits().lockedMemoryBytes();
            return "the perf buffers exceed the memory the kernel lets this user lock (" + e.getMessage()
                    + "): kernel.perf_event_mlock_kb is " + setting(MLOCK_KB) + " per CPU for all of the user's processes,"
                    + " then RLIMIT_MEMLOCK (" + (memlock == ProcessLimits.UNLIMITED ? "unlimited"
                    : memlock < 0 ? "unknown" : memlock / 1024 + " KiB") + ")";
        }
        if (!call.equals("perf_event_open")) {
            return e.getMessage();
        }
        switch (errno) {
            case ErrnoException.EACCES:
            case ErrnoException.EPERM:
                return "perf_event_open refused with " + ErrnoException.name(errno) + ": kernel.perf_event_paranoid is "
                        + paranoid + (isAbove2(paranoid)
                        ? " (above 2 this kernel allows perf events to privileged processes only)"
                        : "; a seccomp profile (a container runtime's default) or a security module forbids it");
            case ErrnoException.ENOSYS:
                return "perf_event_open does not exist here (ENOSYS): a kernel without perf events, or a seccomp profile that hides it";
            case ErrnoException.ENOENT:
            case ErrnoException.EOPNOTSUPP:
                return "the kernel has no software event for major faults (" + e.getMessage() + ")";
            case ErrnoException.EMFILE:
                return "no file descriptor left for the perf events (" + e.getMessage() + ")";
            default:
                return e.getMessage() + " (kernel.perf_event_paranoid is " + paranoid + ")";
        }
    }

    private static boolean isAbove2(String paranoid) {
        try {
            return Integer.parseInt(paranoid) > 2;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A sysctl's value. Read in one call: a sysctl file answers a read at a later offset with
     * end-of-file, so reading it in pieces ({@code Files.readString} on a file of size 0) gives its first byte only.
     */
    private static String setting(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(64), StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** {@code struct perf_event_attr} of the major-fault event; {@code threadsOnly}: forked processes do not inherit it. */
    static byte[] attribute(boolean threadsOnly) {
        return threadsOnly ? THREADS_ONLY : WITH_CHILD_PROCESSES;
    }

    private static final byte[] THREADS_ONLY = encode(true);
    private static final byte[] WITH_CHILD_PROCESSES = encode(false);

    private static byte[] encode(boolean threadsOnly) {
        byte[] attr = new byte[ATTR_SIZE];
        NativeBytes.putInt(attr, 0, PERF_TYPE_SOFTWARE);
        NativeBytes.putInt(attr, 4, ATTR_SIZE);
        NativeBytes.putLong(attr, 8, PERF_COUNT_SW_PAGE_FAULTS_MAJ);
        NativeBytes.putLong(attr, 16, 1); // sample_period: every fault
        NativeBytes.putLong(attr, 24, SAMPLE_TID | SAMPLE_TIME | SAMPLE_ADDR);
        NativeBytes.putLong(attr, 40, INHERIT | EXCLUDE_KERNEL | EXCLUDE_HV | USE_CLOCKID | (threadsOnly ? INHERIT_THREAD : 0));
        NativeBytes.putInt(attr, 48, WAKEUP_SAMPLES); // wakeup_events
        NativeBytes.putInt(attr, 92, CLOCK_MONOTONIC);
        return attr;
    }
}
