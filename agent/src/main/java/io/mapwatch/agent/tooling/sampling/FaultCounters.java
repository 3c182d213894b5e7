package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.kernel.procfs.ProcText;
import io.mapwatch.kernel.procfs.TaskStat;
import io.mapwatch.events.PageFaultsEvent;
import io.mapwatch.events.ThreadPageFaultsEvent;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Page-fault counters: {@code mapwatch.PageFaults} for the process and {@code mapwatch.ThreadPageFaults}
 * for each thread whose counts moved, with the totals for JMX.
 *
 * <p>Each pass reads {@code /proc/self/stat} once: that one read tells whether anything moved.
 * The threads are swept (one read each) only when it did: at every pass while the process takes
 * major faults, and at most every {@value #MINOR_SWEEP_PERIODS} periods while it takes only minor
 * ones, which a JVM does all the time and which are cheap. Deltas stay exact either way (an event
 * covers its {@code interval}), and a last sample at every chunk edge makes the sums cover the
 * recording. A major fault wakes the {@link StallWatcher}. The process's figures of this read are
 * kept for the other samplers ({@link #latest()}): its address-space size tells them whether the
 * mappings changed.
 *
 * <p>With the exact mode, each pass also emits the period's {@code mapwatch.FaultRange} events
 * ({@link ExactFaults#emit}).
 *
 * <p>A counter event is emitted only when the previous sample was taken with the event enabled:
 * when a recording starts after a quiet while, its first sample sets the baseline instead of
 * reporting faults from before the recording.
 */
final class FaultCounters implements SamplerTask {
    static final String PROCESS_STAT = "stat";
    /** Minor faults alone sweep the threads at most once in this many periods: a sweep reads every thread. */
    static final int MINOR_SWEEP_PERIODS = 10;

    private final Totals totals;
    private final Sources sources;
    private final ThreadTable table;
    private final StallWatcher watcher;
    /** Null without the exact mode. */
    private final ExactFaults exact;
    private final boolean emitting;
    private final long periodNanos;
    private final RandomAccessFile processStat;
    private final ProcText text = new ProcText(1024);
    private final PageFaultsEvent processPrototype = new PageFaultsEvent();
    private final ThreadPageFaultsEvent threadPrototype = new ThreadPageFaultsEvent();
    private volatile TaskStat latest;
    private long processMinor;
    private long processMajor;
    private long processAt;
    /** The first sample counts from the agent's start: the baselines are taken then. */
    private boolean processBaselineValid = true;
    private long sweptMinor;
    private long sweptMajor;
    private long sweptAt;
    private boolean threadBaselineValid = true;

    /** A thread's counts at its last sweep. */
    static final class Counted {
        long minor;
        long major;
        long at;
    }

    /**
     * @param emitting whether to emit the counter events ({@code sample=} on); off, the task only
     *     keeps the totals and wakes the watcher
     * @param watcher woken by major faults; null when {@code stalls=off}
     * @param exact whose fault ranges each pass emits; null without the exact mode
     */
    FaultCounters(Totals totals, Sources sources, ThreadTable table, StallWatcher watcher, ExactFaults exact,
                  boolean emitting, long periodNanos, File processStatFile) {
        this.totals = totals;
        this.sources = sources;
        this.table = table;
        this.watcher = watcher;
        this.exact = exact;
        this.emitting = emitting;
        this.periodNanos = periodNanos;
        RandomAccessFile stat = null;
        try {
            stat = new RandomAccessFile(processStatFile, "r");
            TaskStat now = TaskStat.parse(text.readRecord(stat));
            if (now == null || now.majorFaults() < 0) {
                throw new IOException("unexpected contents");
            }
            latest = now;
            processMinor = now.minorFaults();
            processMajor = now.majorFaults();
            processAt = System.nanoTime();
            sweptMinor = processMinor;
            sweptMajor = processMajor;
            sweptAt = processAt;
            sources.ok(PROCESS_STAT);
        } catch (IOException | RuntimeException e) {
            close(stat);
            stat = null;
            sources.unavailable(PROCESS_STAT, processStatFile + " cannot be read" + reason(e));
        }
        processStat = stat;
        synchronized (table) {
            table.refresh(false, ThreadTable.EntryHandler.NOTHING);
        }
    }

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public void run() throws IOException {
        sample(false);
    }

    /**
     * The last sample, at a chunk edge: the watcher's open stalls closed (their time goes to the
     * fault ranges of this sample), then every counter up to now.
     */
    SamplerTask finishing() {
        return SamplerTask.of(name(), () -> {
            if (watcher != null) {
                watcher.closeStalls();
            }
            sample(true);
        });
    }

    /** The process's stat at the latest pass; null if it cannot be read. */
    TaskStat latest() {
        return latest;
    }

    private void sample(boolean chunkEdge) throws IOException {
        TaskStat process = readProcess();
        if (process == null) {
            return;
        }
        boolean threadsWanted = emitting && threadPrototype.isEnabled();
        boolean sweep = threadsWanted && (chunkEdge || !threadBaselineValid
                || process.majorFaults() != sweptMajor
                || (process.minorFaults() != sweptMinor && System.nanoTime() - sweptAt >= MINOR_SWEEP_PERIODS * periodNanos));
        if (sweep) {
            sweepThreads(process.threads());
            // Read again after the threads, so that the process's counts include every fault the threads' do.
            TaskStat after = readProcess();
            process = after == null ? process : after;
            sweptMinor = process.minorFaults();
            sweptMajor = process.majorFaults();
        } else {
            synchronized (table) {
                if (process.threads() < table.size()) {
                    table.dropEnded(watcher == null ? ThreadTable.EntryHandler.NOTHING : watcher::threadEnded);
                }
            }
        }
        threadBaselineValid = threadsWanted;
        countProcess(process);
        if (exact != null) {
            exact.emit(this::threadName);
        }
    }

    private String threadName(int tid) {
        synchronized (table) {
            return table.nameOf(tid);
        }
    }

    private TaskStat readProcess() throws IOException {
        if (processStat == null) {
            return null;
        }
        TaskStat process = TaskStat.parse(text.readRecord(processStat));
        if (process == null) {
            sources.unavailable(PROCESS_STAT, "/proc/self/stat reads as nothing the kernel prints");
            return null;
        }
        latest = process;
        return process;
    }

    private void countProcess(TaskStat process) {
        long now = System.nanoTime();
        long minor = process.minorFaults() - processMinor;
        long major = process.majorFaults() - processMajor;
        processMinor = process.minorFaults();
        processMajor = process.majorFaults();
        Totals.count(totals.minorFaults, minor);
        Totals.count(totals.majorFaults, major);
        if (major != 0 && watcher != null) {
            watcher.wake();
        }
        boolean wanted = emitting && processPrototype.isEnabled();
        if (wanted && processBaselineValid) {
            PageFaultsEvent event = new PageFaultsEvent();
            event.minorFaults = minor;
            event.majorFaults = major;
            event.interval = now - processAt;
            event.commit();
        }
        processBaselineValid = wanted;
        processAt = now;
    }

    private void sweepThreads(long processThreads) {
        long now = System.nanoTime();
        boolean emit = threadBaselineValid;
        synchronized (table) {
            if (processThreads != table.size()) {
                table.refresh(emit, watcher == null ? ThreadTable.EntryHandler.NOTHING : watcher::threadEnded);
            }
            for (ThreadTable.Entry entry : table.entries()) {
                TaskStat.Counters stat = table.read(entry);
                if (stat == null) {
                    continue; // ended: its faults since the last sweep are in the process's count only
                }
                Counted counted = entry.counted;
                long minor = stat.minorFaults() - counted.minor;
                long major = stat.majorFaults() - counted.major;
                if (emit && (minor != 0 || major != 0)) {
                    ThreadPageFaultsEvent event = new ThreadPageFaultsEvent();
                    event.osThreadId = entry.tid;
                    event.threadName = entry.name;
                    event.minorFaults = minor;
                    event.majorFaults = major;
                    event.interval = now - counted.at;
                    event.commit();
                }
                counted.minor = stat.minorFaults();
                counted.major = stat.majorFaults();
                counted.at = now;
            }
        }
        sweptAt = now;
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? "" : ": " + e.getMessage();
    }

    private static void close(RandomAccessFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // closing a /proc handle cannot lose data
            }
        }
    }
}
