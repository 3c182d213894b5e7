package io.mapwatch.agent.tooling.linux;

/**
 * The few Linux system calls the agent makes itself, beyond what the JDK offers: perf events for
 * exact major faults and {@code cachestat(2)} for the page cache of a file.
 *
 * <p>Defined here, in the tooling that runs on JDK 17; implemented on JDK 22+ by the agent's FFM
 * module ({@code io.mapwatch.agent.ffm}), which holds nothing but these calls. What the arguments
 * mean (the bytes of {@code struct perf_event_attr}, the layout of a perf ring buffer) is the
 * tooling's business: the implementation passes bytes and numbers through. Every failure is an
 * {@link ErrnoException} with the call's errno; none is retried.
 */
public interface LinuxCalls {
    /** {@code perf_event_open(attr, pid, cpu, groupFd, flags)}: a new file descriptor. */
    int perfEventOpen(byte[] attr, int pid, int cpu, int groupFd, long flags) throws ErrnoException;

    /** {@code ioctl(fd, request, argument)} with an integer argument, such as {@code PERF_EVENT_IOC_SET_OUTPUT}. */
    void ioctl(int fd, long request, long argument) throws ErrnoException;

    /** {@code mmap(NULL, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)}. */
    MappedRegion mapShared(int fd, long length) throws ErrnoException;

    /**
     * {@code poll} for {@code POLLIN} on {@code fds}; {@code revents} receives each one's result.
     * Returns how many are ready, 0 when the timeout (milliseconds, -1 for none) passed or a
     * signal interrupted the wait.
     */
    int poll(int[] fds, short[] revents, int timeoutMillis) throws ErrnoException;

    /** {@code eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)}: a descriptor another thread can make readable. */
    int eventFd() throws ErrnoException;

    /** Adds one to an eventfd's counter, making it readable. */
    void signal(int eventFd) throws ErrnoException;

    /** Reads an eventfd's counter back to zero; nothing if it was zero. */
    void clear(int eventFd) throws ErrnoException;

    /** {@code open(path, O_RDONLY | O_CLOEXEC)}. */
    int openReadOnly(String path) throws ErrnoException;

    void close(int fd) throws ErrnoException;

    /**
     * {@code cachestat(fd, {offset, length}, cstat, 0)}: {@code into} receives nr_cache, nr_dirty,
     * nr_writeback, nr_evicted and nr_recently_evicted, in pages.
     */
    void cachestat(int fd, long offset, long length, long[] into) throws ErrnoException;
}
