package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.kernel.procfs.ProcText;
import io.mapwatch.kernel.procfs.Syscall;
import io.mapwatch.kernel.procfs.TaskStat;
import io.mapwatch.events.PageFaultStallEvent;
import io.mapwatch.events.PageFaultsEvent;
import io.mapwatch.events.ThreadPageFaultsEvent;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Page-fault counters and blocked threads, from {@code /proc/self/stat} and
 * {@code /proc/self/task/TID/{stat,syscall}} with one open handle per thread.
 *
 * <p>Two tasks share this state and run on the same sampler thread. {@link #counters()} (every
 * {@code sample=} period) emits the process's and each moved thread's fault deltas. {@link #stalls()}
 * (every {@code stalls=} period) looks for threads blocked in a page fault: state {@code D} and a
 * syscall file starting with {@code -1}, i.e. blocked outside any system call. Its cost follows the
 * threads worth watching: a few times a second, if the process's major faults moved (one read), a
 * sweep over all threads puts a thread on the watch list when its own major faults moved or it is
 * in {@code D}; only watched threads are sampled at the full rate, they leave the list after a quiet
 * while, and with none watched the sampler sleeps until the next sweep.
 */
final class ThreadSampler {
    static final String PROCESS_STAT = "stat";
    static final String TASKS = "tasks";
    static final String SYSCALL = "syscall";
    /** How often all threads are swept for candidates, at the least. */
    private static final long SWEEP_NANOS = 250_000_000L;
    /** Sweeps without a major fault or a D state before a thread leaves the watch list. */
    private static final int QUIET_SWEEPS = 20;

    private final Totals totals;
    private final Sources sources;
    private final ProcText text = new ProcText(1024);
    private final Map<Integer, Task> tasks = new HashMap<>();
    private final RandomAccessFile processStat;
    private final PageFaultsEvent faultsPrototype = new PageFaultsEvent();
    private final ThreadPageFaultsEvent threadPrototype = new ThreadPageFaultsEvent();
    private long processMinor;
    private long processMajor;
    private long sweptProcessMajor;
    private long lastCountersAt;
    private long nextSweepAt;
    private int watchedCount;

    /** One thread of the process. */
    private static final class Task {
        final int tid;
        final RandomAccessFile stat;
        /** The latest read of {@code stat}, reused on every read. */
        final TaskStat.Counters now = new TaskStat.Counters();
        RandomAccessFile syscall;
        String name;
        long countedMinor;
        long countedMajor;
        long sweptMajor;
        long countedAt;
        boolean watched;
        int quietSweeps;
        PageFaultStallEvent stall;
        long stallSince;
        long stallSamples;
        long stallMajorAtStart;

        Task(int tid, RandomAccessFile stat) {
            this.tid = tid;
            this.stat = stat;
        }
    }

    ThreadSampler(Totals totals, Sources sources) {
        this.totals = totals;
        this.sources = sources;
        RandomAccessFile stat;
        try {
            stat = new RandomAccessFile("/proc/self/stat", "r");
            TaskStat now = TaskStat.parse(text.readRecord(stat));
            processMinor = now.minorFaults();
            processMajor = now.majorFaults();
            sweptProcessMajor = -1; // the first sweep looks at every thread
            sources.ok(PROCESS_STAT);
        } catch (IOException | RuntimeException e) {
            stat = null;
            sources.unavailable(PROCESS_STAT, "/proc/self/stat cannot be read");
        }
        processStat = stat;
        lastCountersAt = System.nanoTime();
        refreshTasks(true);
    }

    SamplerTask counters() {
        return SamplerTask.of("faults", this::sampleCounters);
    }

    SamplerTask stalls() {
        return new SamplerTask() {
            @Override
            public String name() {
                return "stalls";
            }

            @Override
            public void run() throws IOException {
                sampleStalls();
            }

            @Override
            public long nextDelay(long periodNanos) {
                return watchedCount > 0 ? periodNanos : Math.max(periodNanos, nextSweepAt - System.nanoTime());
            }
        };
    }

    // ---- counters ---------------------------------------------------------------------------

    private void sampleCounters() throws IOException {
        long now = System.nanoTime();
        // Listing /proc/self/task costs as much as reading every thread: only when the process
        // has a thread count other than the threads held (a thread that ended is dropped below).
        TaskStat before = processStat == null ? null : TaskStat.parse(text.readRecord(processStat));
        if (before == null || before.threads() != tasks.size()) {
            refreshTasks(false);
        }
        boolean emitThreads = threadPrototype.isEnabled();
        for (Iterator<Task> it = tasks.values().iterator(); it.hasNext(); ) {
            Task task = it.next();
            TaskStat.Counters stat = read(task);
            if (stat == null) {
                finishStall(task, now, task.stallMajorAtStart);
                close(task); // ended: its faults since the last pass are in the process's count only
                it.remove();
                continue;
            }
            long minor = stat.minorFaults() - task.countedMinor;
            long major = stat.majorFaults() - task.countedMajor;
            if ((minor != 0 || major != 0) && emitThreads) {
                ThreadPageFaultsEvent event = new ThreadPageFaultsEvent();
                event.osThreadId = task.tid;
                event.threadName = task.name;
                event.minorFaults = minor;
                event.majorFaults = major;
                event.interval = now - task.countedAt;
                event.commit();
            }
            task.countedMinor = stat.minorFaults();
            task.countedMajor = stat.majorFaults();
            task.countedAt = now;
        }
        // After the threads, so that the process's counts include every fault the threads' do.
        TaskStat process = processStat == null ? null : TaskStat.parse(text.readRecord(processStat));
        if (process != null) {
            long minor = process.minorFaults() - processMinor;
            long major = process.majorFaults() - processMajor;
            processMinor = process.minorFaults();
            processMajor = process.majorFaults();
            Totals.count(totals.minorFaults, minor);
            Totals.count(totals.majorFaults, major);
            if (faultsPrototype.isEnabled()) {
                PageFaultsEvent event = new PageFaultsEvent();
                event.minorFaults = minor;
                event.majorFaults = major;
                event.interval = now - lastCountersAt;
                event.commit();
            }
        }
        lastCountersAt = now;
    }

    /**
     * Opens threads that appeared and drops those that ended. Threads present at agent start
     * count from then; threads created later count from their start.
     */
    private void refreshTasks(boolean atStart) {
        String[] names = new File("/proc/self/task").list();
        if (names == null) {
            sources.unavailable(TASKS, "/proc/self/task cannot be listed");
            return;
        }
        sources.ok(TASKS);
        Set<Integer> alive = new HashSet<>();
        long now = System.nanoTime();
        for (String name : names) {
            int tid;
            try {
                tid = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                continue;
            }
            alive.add(tid);
            if (tasks.containsKey(tid)) {
                continue;
            }
            try {
                Task task = new Task(tid, new RandomAccessFile("/proc/self/task/" + tid + "/stat", "r"));
                task.countedAt = now;
                TaskStat.Counters stat = read(task);
                if (stat != null && atStart) {
                    task.countedMinor = stat.minorFaults();
                    task.countedMajor = stat.majorFaults();
                }
                task.sweptMajor = stat == null ? 0 : stat.majorFaults();
                tasks.put(tid, task);
            } catch (IOException ended) {
                // the thread ended between the listing and the open
            }
        }
        for (Iterator<Task> it = tasks.values().iterator(); it.hasNext(); ) {
            Task task = it.next();
            if (!alive.contains(task.tid)) {
                finishStall(task, now, task.stallMajorAtStart);
                close(task);
                it.remove();
            }
        }
    }

    /** The thread's stat now, or null if it ended (then it is closed on the next refresh). */
    private TaskStat.Counters read(Task task) {
        try {
            if (!TaskStat.parseCounters(text.readRecord(task.stat), task.now)) {
                return null; // ended: the read is empty
            }
            task.name = task.now.comm();
            return task.now;
        } catch (IOException ended) {
            return null;
        }
    }

    // ---- stalls -----------------------------------------------------------------------------

    private void sampleStalls() throws IOException {
        Totals.count(totals.stallNanos, 0); // sampling: no stall seen yet is a measured zero
        long now = System.nanoTime();
        boolean sweep = now - nextSweepAt >= 0 && processMajorMoved();
        if (now - nextSweepAt >= 0) {
            nextSweepAt = now + SWEEP_NANOS;
        }
        if (!sweep && watchedCount == 0) {
            return;
        }
        int watched = 0;
        for (Task task : tasks.values()) {
            if (!sweep && !task.watched) {
                continue;
            }
            TaskStat.Counters stat = read(task);
            if (stat == null) {
                finishStall(task, now, task.stallMajorAtStart);
                continue;
            }
            boolean blocked = stat.state() == 'D' && blockedOutsideSyscall(task);
            if (sweep) {
                boolean candidate = stat.state() == 'D' || stat.majorFaults() != task.sweptMajor;
                task.sweptMajor = stat.majorFaults();
                task.quietSweeps = candidate ? 0 : task.quietSweeps + 1;
                task.watched = task.quietSweeps <= QUIET_SWEEPS;
            }
            if (task.watched) {
                watched++;
            }
            if (blocked) {
                if (task.stall == null) {
                    task.stall = new PageFaultStallEvent();
                    task.stall.begin();
                    task.stallSince = now;
                    task.stallSamples = 0;
                    task.stallMajorAtStart = stat.majorFaults();
                }
                task.stallSamples++;
            } else {
                finishStall(task, now, stat.majorFaults());
            }
        }
        watchedCount = watched;
    }

    /** Whether the process had major faults since the last sweep: one read instead of one per thread. */
    private boolean processMajorMoved() throws IOException {
        if (processStat == null || watchedCount > 0) {
            return true;
        }
        long major = TaskStat.parse(text.readRecord(processStat)).majorFaults();
        boolean moved = major != sweptProcessMajor;
        sweptProcessMajor = major;
        return moved;
    }

    private boolean blockedOutsideSyscall(Task task) {
        try {
            if (task.syscall == null) {
                task.syscall = new RandomAccessFile("/proc/self/task/" + task.tid + "/syscall", "r");
            }
            Syscall syscall = Syscall.parse(text.readRecord(task.syscall));
            sources.ok(SYSCALL);
            return syscall != null && syscall.kind() == Syscall.Kind.NOT_IN_SYSCALL;
        } catch (IOException e) {
            sources.unavailable(SYSCALL, "/proc/self/task/TID/syscall cannot be read");
            return false;
        }
    }

    private void finishStall(Task task, long now, long majorNow) {
        PageFaultStallEvent event = task.stall;
        if (event == null) {
            return;
        }
        task.stall = null;
        event.end();
        Totals.count(totals.stallNanos, now - task.stallSince);
        if (event.shouldCommit()) {
            event.osThreadId = task.tid;
            event.threadName = task.name;
            event.samples = task.stallSamples;
            event.majorFaults = majorNow - task.stallMajorAtStart;
            event.commit();
        }
    }

    /** The last sample, at the end of a recording: counters up to now and every open stall closed. */
    SamplerTask finishing() {
        return SamplerTask.of("faults", () -> {
            sampleCounters();
            long now = System.nanoTime();
            for (Task task : tasks.values()) {
                finishStall(task, now, task.stallMajorAtStart);
            }
        });
    }

    private static void close(Task task) {
        try {
            task.stat.close();
            if (task.syscall != null) {
                task.syscall.close();
            }
        } catch (IOException ignored) {
            // closing a /proc handle cannot lose data
        }
    }
}
