package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.kernel.procfs.ProcText;
import io.mapwatch.kernel.procfs.Syscall;
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
 * The daemon thread {@code mapwatch-stalls}: threads blocked in page faults, as
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
 * <p>A sample of a thread reads its stat file (state and major faults), when the state is
 * {@code D} its syscall file, and for a watched thread its schedstat: the time it was off CPU
 * between two samples it faulted in is its stall time ({@link #observe}), every wait counted
 * however short. A watched thread whose major faults moved since its previous sample, or that is
 * blocked, is sampled faster, every {@value #FAST_MICROS} µs or more ({@link #fastPeriod}), until
 * it took no major fault for one {@code stalls=} period: the intervals are short, so little else
 * than its faults falls into them, and where the kernel keeps no scheduler statistics the samples
 * alone time its waits, which last a fraction of a millisecond. Threads that do not fault cost
 * what they did, and a hot process none of it.
 *
 * <p>With the exact mode ({@link ExactFaults}) it sleeps in a poll of the perf buffers instead, and
 * a burst of major faults wakes it within a few dozen faults; it reads the buffers before each sample, and tells the exact
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
    /** The fast period of one faulting thread. */
    static final long FAST_MICROS = 1000;
    private static final long FAST_NANOS = TimeUnit.MICROSECONDS.toNanos(FAST_MICROS);
    /** Each thread sampled fast stretches the fast period by this much: a pass costs a few µs a thread. */
    private static final long FAST_NANOS_PER_THREAD = TimeUnit.MICROSECONDS.toNanos(250);

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
    private long nextPeriodAt;
    private long sweptProcessMajor = -1;
    private int watchedCount;
    private int fastCount;
    private volatile long passes;
    private long passesReported;
    private long cpuReported;

    /** What the watcher keeps of one thread. */
    static final class Watch {
        long sweptMajor;
        boolean watched;
        int quietSweeps;
        /** Its latest sample: when, its major faults then, whether it was blocked in a fault; and when they last moved. */
        long sampledAt;
        long sampledMajor;
        boolean sampledBlocked;
        long faultedAt;
        /** Its time on a CPU or waiting for one at its latest sample, and when that was read; -1 when not read. */
        long sampledBusy = -1;
        long busyAt;
        /** Sampled at the fast period: it faulted within a period, or is blocked. */
        boolean fast;
        /** Begun at its latest sample: the stall that starts there if the next interval is one. */
        PageFaultStallEvent next;
        PageFaultStallEvent stall;
        long stallSince;
        long stallSamples;
        long stallMajorAtStart;
        /** Its time off CPU in the stall so far; below zero for a while, as {@link #observe} says. */
        long stallBlocked;
        /** In a run of stalls: the latest interval was one. */
        boolean stalling;
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
        if (exact != null) {
            Waiting.wakeAtExit(exact::wakeup);
        }
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
                    Waiting.sleep(waiter, this, nextSampleAt() - System.nanoTime());
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
            nextPeriodAt = now;
            return true;
        }
        long sleep = alert ? Math.min(SWEEP_NANOS, alertUntil - now) : Long.MAX_VALUE;
        if (exact == null || Waiting.exiting()) {
            Waiting.sleep(waiter, this, sleep);
        } else if (exact.await(sleep)) {
            wakeRequested.set(true); // major faults: the exact mode saw them as they came
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

    /** With no thread watched, nothing to sample until the next sweep; with threads faulting, their fast period. */
    private long nextSampleAt() {
        long next = watchedCount > 0 ? Math.min(nextPeriodAt, nextSweepAt) : nextSweepAt;
        return fastCount > 0 ? Math.min(next, System.nanoTime() + fastPeriod(fastCount)) : next;
    }

    /** The period of the threads sampled fast: {@value #FAST_MICROS} µs for a few, longer for many, never above {@code stalls=}. */
    long fastPeriod(int threads) {
        return Math.min(periodNanos, Math.max(FAST_NANOS, threads * FAST_NANOS_PER_THREAD));
    }

    private void sample() throws IOException {
        if (exact != null) {
            exact.drain(); // first: every fault the threads took up to now is counted when a stall ends below
        }
        long now = System.nanoTime();
        boolean sweep = now - nextSweepAt >= 0;
        boolean period = sweep || now - nextPeriodAt >= 0;
        if (period) {
            nextPeriodAt = now + periodNanos;
        }
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
        int fast = 0;
        synchronized (table) {
            for (ThreadTable.Entry entry : table.entries()) {
                Watch watch = entry.watch;
                if (sweep || (watch.watched && (period || watch.fast))) {
                    sampleThread(entry, now, sweep);
                }
                if (watch.watched) {
                    watched++;
                    if (watch.fast) {
                        fast++;
                    }
                }
            }
        }
        watchedCount = watched;
        fastCount = fast;
        rebaseline = false;
    }

    /**
     * One sample of one thread. At a sweep it also decides whether the thread is watched; at every
     * sample whether it is sampled fast, and how much of the time since its previous sample it was
     * stalled ({@link #observe}).
     */
    private void sampleThread(ThreadTable.Entry entry, long now, boolean sweep) {
        Watch watch = entry.watch;
        // Timed by its schedstat, a thread's stall time does not hang on catching it blocked: its
        // stat file, and the syscall file only when the stat file says D. Without schedstat the
        // samples alone time it, and a watched thread's syscall file comes first, on its own: a
        // fault served from a fast disk lasts tens of µs, and nearly half of those the stat file
        // showed in D had ended by the next read of the syscall file.
        boolean syscallFirst = watch.watched && entry.schedstatUnusable;
        Syscall.Kind syscall = syscallFirst ? table.syscallKind(entry) : null;
        TaskStat.Counters stat = table.read(entry);
        if (stat == null) {
            finish(entry, now, watch.stallMajorAtStart);
            watch.watched = false;
            return;
        }
        char state = stat.state();
        if (!syscallFirst && state == 'D') {
            syscall = table.syscallKind(entry);
        }
        long major = stat.majorFaults();
        boolean stopped = state == 'T' || state == 't';
        boolean blocked = syscall == Syscall.Kind.NOT_IN_SYSCALL && !stopped; // stopped is not waiting
        if (sweep) {
            boolean candidate = state == 'D' || (!rebaseline && major != watch.sweptMajor);
            watch.sweptMajor = major;
            watch.quietSweeps = candidate ? 0 : watch.quietSweeps + 1;
            watch.watched = watch.quietSweeps <= QUIET_SWEEPS;
        }
        // The counts of the first sweep after a sleep are old: a count that moved then says nothing about now.
        boolean faulted = !rebaseline && major != watch.sampledMajor;
        if (blocked || faulted) {
            watch.faultedAt = now;
        }
        watch.fast = watch.watched && periodNanos > FAST_NANOS
                && (blocked || faulted || (watch.fast && now - watch.faultedAt < periodNanos));
        long busy = -1;
        long busyAt = now;
        if (watch.watched) {
            busyAt = System.nanoTime();
            busy = table.busyNanos(entry);
        }
        // Asleep or blocked in a system call: the time off CPU since the previous sample is not all faults.
        boolean elsewhere = state == 'S' || stopped || syscall == Syscall.Kind.IN_SYSCALL;
        boolean timed = busy >= 0 && watch.sampledBusy >= 0;
        boolean faulting = faulted || blocked || watch.sampledBlocked || (watch.stalling && now - watch.faultedAt < periodNanos);
        boolean stalled = now - watch.sampledAt <= 2 * periodNanos && (timed ? faulting && !elsewhere : watch.sampledBlocked);
        observe(entry, now, stalled, timed ? (busyAt - watch.busyAt) - (busy - watch.sampledBusy) : now - watch.sampledAt, major);
        watch.sampledAt = now;
        watch.sampledMajor = major;
        watch.sampledBlocked = blocked;
        watch.sampledBusy = busy;
        watch.busyAt = busyAt;
        if (watch.watched && watch.stall == null) {
            if (watch.next == null) {
                watch.next = new PageFaultStallEvent();
            }
            watch.next.begin(); // the stall, if the interval that starts here turns out to be one
        }
    }

    /**
     * One sample of one thread: a stall starts (at the previous sample), goes on, or ends. The
     * interval since the previous sample is {@code stalled} when, timed by schedstat at both ends,
     * the thread faulted or was blocked in a fault in it, or it is in a run of stalls and faulted
     * within the last period, and it was not seen asleep or in a system call at the interval's end;
     * untimed, when the previous sample saw it blocked. Either way not when the interval was longer
     * than two periods: the thread was not watched through it. {@code offCpu} is the interval's time
     * off CPU (the whole interval untimed). The kernel brings a running thread's CPU time up to date
     * only at a tick or a switch, so one interval's figure may be a tick too high and the next one's
     * as much too low; a run of stalls adds them up with their signs, through the intervals in which
     * the thread merely ran (their figure is that correction and nothing else), so that only the
     * run's two ends are a tick off. A stall that has gone on for a period ends, its time not below
     * zero, and hands what was below zero on to the next one, which starts at once: a thread that
     * faults on for seconds gives an event a period.
     */
    private void observe(ThreadTable.Entry entry, long now, boolean stalled, long offCpu, long major) {
        Watch watch = entry.watch;
        watch.stalling = stalled;
        if (stalled) {
            if (watch.stall == null) {
                watch.stall = watch.next != null ? watch.next : beginNow();
                watch.next = null;
                watch.stallSince = watch.sampledAt;
                watch.stallSamples = 0;
                watch.stallMajorAtStart = watch.sampledMajor;
                if (exact != null) {
                    exact.stallStarted(entry.tid, watch.sampledAt, watch.sampledAt);
                }
            }
            watch.stallSamples++;
            watch.stallBlocked += offCpu;
            if (now - watch.stallSince >= periodNanos) {
                long owed = Math.min(0, watch.stallBlocked);
                finish(entry, now, major);
                watch.stallBlocked = owed;
            }
        } else {
            finish(entry, now, major);
            watch.stallBlocked = 0; // a stall's debt ends with the run of stalls it was in
        }
    }

    private static PageFaultStallEvent beginNow() {
        PageFaultStallEvent event = new PageFaultStallEvent();
        event.begin();
        return event;
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
        long blocked = Math.max(0, watch.stallBlocked);
        watch.stallBlocked = 0;
        if (exact != null) {
            exact.stallEnded(entry.tid, now, blocked);
        }
        Totals.count(totals.stallNanos, blocked);
        if (event.shouldCommit()) {
            event.osThreadId = entry.tid;
            event.threadName = entry.name;
            event.samples = watch.stallSamples;
            event.majorFaults = watch.stallMajorAtStart < 0 ? 0 : Math.max(0, majorNow - watch.stallMajorAtStart);
            event.blockedTime = blocked;
            event.commit();
        }
    }
}
