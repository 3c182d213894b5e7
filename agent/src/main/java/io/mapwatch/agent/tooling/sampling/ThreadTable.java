package io.mapwatch.agent.tooling.sampling;

import io.mapwatch.kernel.procfs.ProcText;
import io.mapwatch.kernel.procfs.Schedstat;
import io.mapwatch.kernel.procfs.Syscall;
import io.mapwatch.kernel.procfs.TaskStat;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The threads of this process, each with its {@code /proc/self/task/TID/stat} held open so that a
 * read is one system call, and its {@code syscall} file once it was needed. A thread that ended is
 * closed and dropped at the next {@link #refresh}, so the descriptors held follow the live threads
 * however many come and go. Shared by the fault counters and the stall watcher, which run on two
 * threads: callers hold the table's monitor while they use it or its entries.
 */
final class ThreadTable {
    private static final int ENDED_NAMES = 256;
    static final String TASKS = "tasks";
    static final String SYSCALL = "syscall";

    private final Sources sources;
    private final File taskFolder;
    private final ProcText text = new ProcText(1024);
    private final Map<Integer, Entry> entries = new HashMap<>();
    /**
     * The names of the threads dropped most recently: the exact mode emits a thread's fault ranges
     * at the next pass, by which time the thread may have ended and left the table.
     */
    private final Map<Integer, String> endedNames = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > ENDED_NAMES;
        }
    };

    /** One thread of the process, with what each of the two samplers keeps of it. */
    static final class Entry {
        final int tid;
        final RandomAccessFile stat;
        RandomAccessFile syscall;
        /** Its {@code schedstat} once the stall watcher timed it; unusable once it read as nothing or zero. */
        RandomAccessFile schedstat;
        boolean schedstatUnusable;
        /** The latest read of {@code stat}, reused on every read. */
        final TaskStat.Counters now = new TaskStat.Counters();
        String name;
        final FaultCounters.Counted counted = new FaultCounters.Counted();
        final StallWatcher.Watch watch = new StallWatcher.Watch();

        Entry(int tid, RandomAccessFile stat) {
            this.tid = tid;
            this.stat = stat;
        }
    }

    ThreadTable(Sources sources, File taskFolder) {
        this.sources = sources;
        this.taskFolder = taskFolder;
    }

    int size() {
        return entries.size();
    }

    Collection<Entry> entries() {
        return entries.values();
    }

    /**
     * Lists the process's threads: opens those that appeared and closes those that ended, after
     * handing each to {@code ended}. A new thread's fault counts start from zero when
     * {@code countFromStart} (a thread created while the counters run), else from now. False when
     * the task folder cannot be listed or read (then nothing changes).
     */
    boolean refresh(boolean countFromStart, EntryHandler ended) {
        String[] names = taskFolder.list();
        if (names == null || names.length == 0) {
            sources.unavailable(TASKS, taskFolder + " cannot be listed");
            return false;
        }
        long now = System.nanoTime();
        Set<Integer> alive = new HashSet<>();
        boolean anyRead = !entries.isEmpty();
        for (String name : names) {
            int tid;
            try {
                tid = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                continue;
            }
            alive.add(tid);
            if (entries.containsKey(tid)) {
                continue;
            }
            Entry entry;
            try {
                entry = new Entry(tid, new RandomAccessFile(new File(new File(taskFolder, name), "stat"), "r"));
            } catch (IOException e) {
                continue; // ended between the listing and the open, or not ours to read
            }
            TaskStat.Counters stat = read(entry);
            if (stat == null) {
                close(entry);
                continue;
            }
            anyRead = true;
            entry.counted.minor = countFromStart ? 0 : stat.minorFaults();
            entry.counted.major = countFromStart ? 0 : stat.majorFaults();
            entry.counted.at = now;
            entry.watch.sweptMajor = stat.majorFaults();
            entry.watch.sampledMajor = stat.majorFaults();
            entries.put(tid, entry);
        }
        drop(alive, ended);
        if (!anyRead) {
            sources.unavailable(TASKS, "no thread's stat file in " + taskFolder + " can be read");
            return false;
        }
        sources.ok(TASKS);
        return true;
    }

    /**
     * Closes the handles of the threads that ended, after handing each to {@code ended}, and opens none:
     * for a pass that does not sweep but sees the process with fewer threads than the table, so that a
     * thread's descriptors go with it even while nothing faults and nobody sweeps.
     */
    void dropEnded(EntryHandler ended) {
        String[] names = taskFolder.list();
        if (names == null) {
            return;
        }
        Set<Integer> alive = new HashSet<>();
        for (String name : names) {
            try {
                alive.add(Integer.parseInt(name));
            } catch (NumberFormatException e) {
                // not a thread
            }
        }
        drop(alive, ended);
    }

    private void drop(Set<Integer> alive, EntryHandler ended) {
        List<Entry> gone = new ArrayList<>();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (!alive.contains(entry.tid)) {
                it.remove();
                gone.add(entry);
                if (entry.name != null) {
                    endedNames.put(entry.tid, entry.name);
                }
            }
        }
        for (Entry entry : gone) {
            ended.handle(entry);
            close(entry);
        }
    }

    /**
     * The name of thread {@code tid}: as its last read showed it, or from its {@code comm} file
     * when the table does not hold it (yet), or, when it ended, as the table last knew it (for one
     * of the last {@value #ENDED_NAMES} threads that ended; a live thread that reuses the id is
     * found first); null when it ended unseen.
     */
    String nameOf(int tid) {
        Entry entry = entries.get(tid);
        if (entry != null && entry.name != null) {
            return entry.name;
        }
        try (RandomAccessFile comm = new RandomAccessFile(new File(new File(taskFolder, Integer.toString(tid)), "comm"), "r")) {
            String name = text.readRecord(comm).toString();
            return name.endsWith("\n") ? name.substring(0, name.length() - 1) : name;
        } catch (IOException ended) {
            return endedNames.get(tid);
        }
    }

    /** The thread's stat now, or null if it ended (it is dropped at the next refresh). */
    TaskStat.Counters read(Entry entry) {
        try {
            if (!TaskStat.parseCounters(text.readRecord(entry.stat), entry.now)) {
                return null; // ended: the read is empty
            }
            entry.name = entry.now.comm();
            return entry.now;
        } catch (IOException ended) {
            return null;
        }
    }

    /**
     * Whether the thread is blocked outside any system call, i.e. in a page fault (or stopped): its
     * syscall file starts with {@code -1}, which the kernel prints only for a thread that is not
     * running. False, with the source marked unavailable, if that cannot be read.
     */
    boolean blockedOutsideSyscall(Entry entry) {
        return syscallKind(entry) == Syscall.Kind.NOT_IN_SYSCALL;
    }

    /**
     * What the thread's syscall file says: running, blocked outside any system call, or blocked in
     * one; null, with the source marked unavailable, if that cannot be read.
     */
    Syscall.Kind syscallKind(Entry entry) {
        try {
            if (entry.syscall == null) {
                entry.syscall = new RandomAccessFile(new File(new File(taskFolder, Integer.toString(entry.tid)), "syscall"), "r");
            }
            Syscall syscall = Syscall.parse(text.readRecord(entry.syscall));
            if (syscall == null) {
                sources.unavailable(SYSCALL, taskFolder + "/TID/syscall reads as nothing the kernel prints");
                return null;
            }
            sources.ok(SYSCALL);
            return syscall.kind();
        } catch (IOException e) {
            sources.unavailable(SYSCALL, taskFolder + "/TID/syscall cannot be read: " + e.getMessage());
            return null;
        }
    }

    /**
     * The thread's time on a CPU plus its time runnable waiting for one, from its {@code schedstat}
     * (one read of a held descriptor): wall time minus this is the time it was off CPU, asleep or
     * blocked. -1 when that file cannot be read, or reads as zeros (a kernel that keeps no
     * scheduler statistics); the thread is then not asked again.
     */
    long busyNanos(Entry entry) {
        if (entry.schedstatUnusable) {
            return -1;
        }
        try {
            if (entry.schedstat == null) {
                entry.schedstat = new RandomAccessFile(new File(new File(taskFolder, Integer.toString(entry.tid)), "schedstat"), "r");
            }
            Schedstat schedstat = Schedstat.parse(text.readRecord(entry.schedstat));
            if (schedstat.runNanos() > 0 && schedstat.waitNanos() >= 0) {
                return schedstat.runNanos() + schedstat.waitNanos();
            }
        } catch (IOException e) {
            // ended, or not readable here: the watcher estimates from its samples alone
        }
        entry.schedstatUnusable = true;
        return -1;
    }

    /**
     * Whether this process may read its threads' syscall files, asked once at start: true as soon
     * as one thread's reads as the kernel prints it. A thread that ends meanwhile proves nothing.
     */
    boolean syscallReadable() {
        for (Entry entry : entries.values()) {
            File file = new File(new File(taskFolder, Integer.toString(entry.tid)), "syscall");
            try (RandomAccessFile in = new RandomAccessFile(file, "r")) {
                if (Syscall.parse(text.readRecord(in)) != null) {
                    sources.ok(SYSCALL);
                    return true;
                }
                if (read(entry) != null) {
                    sources.unavailable(SYSCALL, taskFolder + "/TID/syscall reads as nothing the kernel prints");
                    return false;
                }
            } catch (IOException e) {
                if (read(entry) != null) {
                    sources.unavailable(SYSCALL, taskFolder + "/TID/syscall cannot be read: " + e.getMessage());
                    return false;
                }
            }
        }
        sources.unavailable(SYSCALL, "no thread's syscall file in " + taskFolder + " could be read");
        return false;
    }

    /** Closes every handle; the table is empty afterwards. */
    void closeAll() {
        entries.values().forEach(ThreadTable::close);
        entries.clear();
    }

    private static void close(Entry entry) {
        try {
            entry.stat.close();
            if (entry.syscall != null) {
                entry.syscall.close();
            }
            if (entry.schedstat != null) {
                entry.schedstat.close();
            }
        } catch (IOException ignored) {
            // closing a /proc handle cannot lose data
        }
    }

    /** Something done with one entry. */
    interface EntryHandler {
        void handle(Entry entry);

        EntryHandler NOTHING = entry -> { };
    }
}
