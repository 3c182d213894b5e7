package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.kernel.procfs.ProcText;
import io.mapwatch.kernel.procfs.TaskStat;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.events.SamplerStatusEvent;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon thread {@code mapwatch-stalls}: threads seen blocked in a page fault, as
 * {@code mapwatch.PageFaultStall}. A thread is blocked in a fault when its state is {@code D} and
 * its syscall file starts with {@code -1}, i.e. it is blocked outside any system call.
 *
 * <p>It sleeps until {@link FaultCounters} sees the process's major faults move, and then costs
 * what the threads in faults are worth: every {@value #SWEEP_MILLIS} ms it reads the process's
 * counters and, while they move, sweeps every thread for candidates (state {@code D}, or its own
 * major faults moved); only candidates are sampled at the {@code stalls=} period. A thread leaves
 * the watch after {@value #QUIET_SWEEPS} quiet sweeps, and with none left and the process's major
 * faults still, the watcher sleeps again without a timeout: an idle process is never woken by it.
 *
 * <p>With the exact mode ({@link ExactFaults}) it sleeps in a poll of the perf buffers instead, and
 * the first major fault wakes it; it reads the buffers before each sample, and tells the exact
 * mode when a thread's stall starts and ends, so that the stall's time goes to the file ranges the
 * thread faulted on.
 */
final class StallWatcher implements Runnable {
    static final String STALLS = "stalls";
    static final long SWEEP_MILLIS = 250;
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(SWEEP_MILLIS);
    /** After the sweep that takes new counts, the next comes sooner: it finds the faulting threads. */
    private static final long FIRST_SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    static final long ALERT_SECONDS = 2;
    private static final long ALERT_NANOS = TimeUnit.SECONDS.toNanos(ALERT_SECONDS);
    /** Sweeps without a major fault or a D state before a thread leaves the watch. */
    static final int QUIET_SWEEPS = 4;

    private final Totals totals;
    private final ThreadTable table;
    /** Null without the exact mode. */
    private final ExactFaults exact;
    private final long periodNanos;
    private final RandomAccessFile processStat;
    private final ProcText text = new ProcText(1024);
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile boolean stopped;
    private volatile long alertUntil = System.nanoTime();
    private volatile Selector waiter;
    private Thread thread;
    private boolean active;
    /**
     * The first sweep after a sleep: the threads' counts are old, so a count that moved says
     * nothing about now. That sweep takes new counts and watches only threads in {@code D}; the
     * next one, a quarter second later, finds the threads that are faulting.
     */
    private boolean rebaseline;
    private long nextSweepAt;
    private long sweptProcessMajor = -1;
    private int watchedCount;
    private volatile long passes;
    private long passesReported;
    private long cpuReported;

    /** What the watcher keeps of one thread. */
    static final class Watch {
        long sweptMajor;
        boolean watched;
        int quietSweeps;
        PageFaultStallEvent stall;
        long stallSince;
        long stallSamples;
        long stallMajorAtStart;
    }

    /**
     * A watcher sampling at {@code periodNanos}, or null (with the reason in {@code sources}) when
     * the threads' stat or syscall files cannot be read.
     */
    static StallWatcher create(Totals totals, Sources sources, ThreadTable table, long periodNanos, File processStatFile,
                               ExactFaults exact) {
        synchronized (table) {
            if (table.size() == 0 && !table.refresh(false, ThreadTable.EntryHandler.NOTHING)) {
                sources.unavailable(STALLS, "the threads' stat files cannot be read");
                return null;
            }
            if (!table.syscallReadable()) {
                sources.unavailable(STALLS, "the threads' syscall files cannot be read");
                return null;
            }
        }
        RandomAccessFile processStat;
        try {
            processStat = new RandomAccessFile(processStatFile, "r");
        } catch (IOException e) {
            sources.unavailable(STALLS, processStatFile + " cannot be read");
            return null;
        }
        sources.ok(STALLS);
        Totals.count(totals.stallNanos, 0); // the watcher runs: no stall seen yet is a measured zero
        return new StallWatcher(totals, table, periodNanos, processStat, exact);
    }

    private StallWatcher(Totals totals, ThreadTable table, long periodNanos, RandomAccessFile processStat, ExactFaults exact) {
        this.totals = totals;
        this.table = table;
        this.exact = exact;
        this.periodNanos = periodNanos;
        this.processStat = processStat;
        processMajorMoved(); // the count to compare with
    }

    void start() {
        waiter = Waiting.openSelector();
        thread = new Thread(this, "mapwatch-stalls");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        stopped = true;
        interrupt();
    }

    /** Major faults moved: watch the threads until they are quiet again. Cheap, callable from any thread. */
    void wake() {
        if (wakeRequested.compareAndSet(false, true)) {
            interrupt();
        }
    }

    /**
     * The application mapped a file: faults on it may follow, so for the next
     * {@value #ALERT_SECONDS} s the sleeping watcher looks at the process's major faults every
     * {@value #SWEEP_MILLIS} ms rather than waiting for the fault counters' next pass. Called on
     * the mapping thread: a volatile write, and a wake-up only when the watcher slept without one.
     */
    void alert() {
        long now = System.nanoTime();
        boolean wasAlert = alertUntil - now > 0;
        alertUntil = now + ALERT_NANOS;
        if (!wasAlert && !active) {
            interrupt();
        }
    }

    private void interrupt() {
        if (exact != null) {
            exact.wakeup();
        }
        Selector selector = waiter;
        if (selector != null) {
            selector.wakeup();
        } else if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                if (!active && !startWatching()) {
                    continue;
                }
                wakeRequested.set(false);
                passes++;
                try {
                    sample();
                } catch (IOException | RuntimeException e) {
                    active = false; // tried again when major faults move again
                }
                if (active) {
                    // With no thread watched, nothing to sample until the next sweep.
                    Waiting.sleep(waiter, this, watchedCount > 0 ? periodNanos : nextSweepAt - System.nanoTime());
                }
            }
        } finally {
            Waiting.close(waiter);
            waiter = null;
        }
    }

    /**
     * While asleep: true when major faults moved (the counters said so, or, on alert after a map,
     * the process's count read here did); otherwise sleeps, a quarter second on alert and without
     * a timeout otherwise, and returns false.
     */
    private boolean startWatching() {
        long now = System.nanoTime();
        boolean alert = alertUntil - now > 0;
        if (wakeRequested.getAndSet(false) || (alert && processMajorMoved())) {
            active = true;
            rebaseline = true;
            nextSweepAt = now;
            return true;
        }
        long sleep = alert ? Math.min(SWEEP_NANOS, alertUntil - now) : Long.MAX_VALUE;
        if (exact == null) {
            Waiting.sleep(waiter, this, sleep);
        } else if (exact.await(sleep)) {
            wakeRequested.set(true); // a major fault: the exact mode saw it at once
        }
        return false;
    }

    private boolean processMajorMoved() {
        try {
            TaskStat process = TaskStat.parse(text.readRecord(processStat));
            boolean moved = process != null && sweptProcessMajor >= 0 && process.majorFaults() != sweptProcessMajor;
            sweptProcessMajor = process == null ? -1 : process.majorFaults();
            return moved;
        } catch (IOException e) {
            return false;
        }
    }

    private void sample() throws IOException {
        if (exact != null) {
            exact.drain(); // first: every fault the threads took up to now is counted when a stall ends below
        }
        long now = System.nanoTime();
        boolean sweep = now - nextSweepAt >= 0;
        if (sweep) {
            nextSweepAt = now + (rebaseline ? FIRST_SWEEP_NANOS : SWEEP_NANOS);
            TaskStat process = TaskStat.parse(text.readRecord(processStat));
            boolean moved = process != null && process.majorFaults() != sweptProcessMajor;
            sweptProcessMajor = process == null ? -1 : process.majorFaults();
            if (!moved && watchedCount == 0 && !rebaseline) {
                active = false;
                return;
            }
            synchronized (table) {
                if (process != null && process.threads() != table.size()) {
                    table.refresh(true, this::threadEnded);
                }
            }
        }
        int watched = 0;
        synchronized (table) {
            for (ThreadTable.Entry entry : table.entries()) {
                Watch watch = entry.watch;
                if (sweep) {
                    TaskStat.Counters stat = table.read(entry);
                    if (stat == null) {
                        finish(entry, now, watch.stallMajorAtStart);
                        continue;
                    }
                    boolean candidate = stat.state() == 'D' || (!rebaseline && stat.majorFaults() != watch.sweptMajor);
                    watch.sweptMajor = stat.majorFaults();
                    watch.quietSweeps = candidate ? 0 : watch.quietSweeps + 1;
                    watch.watched = watch.quietSweeps <= QUIET_SWEEPS;
                    observe(entry, now, stat.state() == 'D' && table.blockedOutsideSyscall(entry));
                } else if (watch.watched) {
                    // Between sweeps one read: the syscall file alone says whether the thread is
                    // blocked outside a system call, with no race between two reads.
                    observe(entry, now, table.blockedOutsideSyscall(entry));
                }
                if (watch.watched) {
                    watched++;
                }
            }
        }
        watchedCount = watched;
        rebaseline = false;
    }

    /** One sample of one thread: a stall starts, goes on or ends. */
    private void observe(ThreadTable.Entry entry, long now, boolean blocked) {
        Watch watch = entry.watch;
        if (blocked) {
            if (watch.stall == null) {
                watch.stall = new PageFaultStallEvent();
                watch.stall.begin();
                watch.stallSince = now;
                watch.stallSamples = 0;
                watch.stallMajorAtStart = majorFaults(entry, -1);
                if (exact != null) {
                    exact.stallStarted(entry.tid, now);
                }
            }
            watch.stallSamples++;
        } else if (watch.stall != null) {
            finish(entry, now, majorFaults(entry, watch.stallMajorAtStart));
        }
    }

    /** The thread's major faults now, read only when a stall starts or ends; {@code otherwise} if it ended. */
    private long majorFaults(ThreadTable.Entry entry, long otherwise) {
        TaskStat.Counters stat = table.read(entry);
        return stat == null ? otherwise : stat.majorFaults();
    }

    /** CPU time this thread has used; 0 before it starts, -1 where the JVM does not measure it. */
    long cpuNanos() {
        Thread t = thread;
        if (t == null) {
            return 0;
        }
        try {
            long nanos = ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
            return nanos < 0 ? -1 : nanos;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }

    /** Its {@code mapwatch.SamplerStatus}: passes and CPU time since the previous one. */
    synchronized void emitStatus() {
        long passesNow = passes;
        long cpuNow = cpuNanos();
        SamplerStatusEvent event = new SamplerStatusEvent();
        event.sampler = STALLS;
        event.period = periodNanos;
        event.configuredPeriod = periodNanos;
        event.passes = passesNow - passesReported;
        event.cpuTime = cpuNow < 0 ? -1 : cpuNow - cpuReported;
        event.commit();
        passesReported = passesNow;
        cpuReported = Math.max(cpuNow, 0);
    }

    /** A thread that ended: its open stall ends now. Called with the table's monitor held. */
    void threadEnded(ThreadTable.Entry entry) {
        finish(entry, System.nanoTime(), entry.watch.stallMajorAtStart);
    }

    /** At a chunk edge: every open stall is closed, so that the recording holds it. */
    void closeStalls() {
        long now = System.nanoTime();
        synchronized (table) {
            for (ThreadTable.Entry entry : table.entries()) {
                finish(entry, now, entry.watch.stallMajorAtStart);
            }
        }
    }

    private void finish(ThreadTable.Entry entry, long now, long majorNow) {
        Watch watch = entry.watch;
        PageFaultStallEvent event = watch.stall;
        if (event == null) {
            return;
        }
        watch.stall = null;
        event.end();
        if (exact != null) {
            exact.stallEnded(entry.tid, now);
        }
        Totals.count(totals.stallNanos, now - watch.stallSince);
        if (event.shouldCommit()) {
            event.osThreadId = entry.tid;
            event.threadName = entry.name;
            event.samples = watch.stallSamples;
            event.majorFaults = watch.stallMajorAtStart < 0 ? 0 : Math.max(0, majorNow - watch.stallMajorAtStart);
            event.commit();
        }
    }
}
