package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM that starts and ends 10,000 threads under the agent keeps its descriptor count flat: the
 * samplers hold a {@code /proc} handle for each thread they look at and let go of it once the thread
 * has ended. Counted from outside, in {@code /proc/PID/fd}, as an operator would.
 */
class DescriptorsIT {
    private static final int THREADS = 10_000;
    private static final int WAVE = 500;
    private static final int CHECKPOINT_EVERY = 2_500;
    private static final Duration BOUND = Duration.ofMinutes(2);

    @Test
    void tenThousandThreadsComeAndGoAndTheDescriptorsStayFlat(@TempDir Path dir) throws Exception {
        Path recording = dir.resolve("churn.jfr");
        ForkedJvm.Result run = churnAndCount(dir, "record=" + recording, THREADS, 500);

        assertEquals(THREADS, run.number("threads_ended"));
        List<RecordedEvent> churned = Recordings.events(recording, "mapwatch.ThreadPageFaults").stream()
                .filter(e -> e.getString("threadName").startsWith("churn-")).collect(Collectors.toList());
        assertTrue(churned.size() >= THREADS / CHECKPOINT_EVERY, "the fault counters swept the churning threads: "
                + churned.size() + " ThreadPageFaults events for churn-N threads");
    }

    /**
     * The agent loaded and nothing recording, as in production between recordings: only the stall watcher
     * takes handles, when threads fault, and it sleeps again a second after the last major fault. Threads that
     * live on for seconds after their faults end while nobody sweeps: their handles go all the same.
     */
    @Test
    void withoutARecordingTheHandlesOfLongLivedThreadsGoWithThem(@TempDir Path dir) throws Exception {
        ForkedJvm.Result run = churnAndCount(dir, "", 2 * CHECKPOINT_EVERY, 3_000);
        assertEquals(2 * CHECKPOINT_EVERY, run.number("threads_ended"));
    }

    /**
     * Runs {@code threads} through ThreadChurn under the agent with {@code options}, each wave alive for
     * {@code waveMillis}, and checks from outside that the descriptors rose during the waves and are back
     * where they started at every checkpoint.
     */
    private static ForkedJvm.Result churnAndCount(Path dir, String options, int threads, int waveMillis) throws Exception {
        Path file = Eviction.coldFile(dir.resolve("cold.dat"), "256m");
        Path checkpoints = Files.createDirectory(dir.resolve("checkpoints"));
        ForkedJvm.Running app = ForkedJvm.workload("ThreadChurn", "--file", file.toString(), "--size", "256m",
                        "--threads", Integer.toString(threads), "--wave", Integer.toString(WAVE),
                        "--wave-millis", Integer.toString(waveMillis),
                        "--checkpoint-every", Integer.toString(CHECKPOINT_EVERY), "--checkpoint-dir", checkpoints.toString())
                .agent(options)
                .start();
        long pid = app.pid();

        Path first = awaitCheckpoint(app, checkpoints, 0);
        int baseline = descriptors(pid);
        // What a JVM's own descriptors move by while it runs (JFR's chunk files, a jar opened again), and
        // a stat, a syscall and a schedstat handle for each thread the JVM has of its own.
        int margin = 3 * threads(pid) + 32;
        List<String> counts = new ArrayList<>(List.of("start " + baseline));
        Peak peak = Peak.watch(pid);
        Files.delete(first);
        try {
            for (int ended = CHECKPOINT_EVERY; ended <= threads; ended += CHECKPOINT_EVERY) {
                Path checkpoint = awaitCheckpoint(app, checkpoints, ended);
                int limit = baseline + margin;
                long deadline = System.nanoTime() + BOUND.toNanos();
                while (descriptors(pid) > limit && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                int now = descriptors(pid);
                assertTrue(now <= limit, "after " + ended + " ended threads the JVM holds " + now + " descriptors, "
                        + heldForEndedThreads(pid) + " of them for threads that ended, and did not come back to "
                        + limit + " within " + BOUND + " (" + counts + ")");
                counts.add(ended + " ended " + now);
                Files.delete(checkpoint);
            }
        } finally {
            peak.stop();
        }
        ForkedJvm.Result run = app.await(BOUND).assertSucceeded();
        System.out.println("descriptors of the churning JVM (" + options + "): " + counts + "; peak " + peak.max()
                + ", margin " + margin);
        assertTrue(peak.max() >= baseline + WAVE / 2, "the samplers held a handle for each thread of a wave while it"
                + " lived: peak " + peak.max() + " over a start of " + baseline);
        return run;
    }

    /** Waits for the workload to hold still at {@code DIR/checkpoint-ENDED}. */
    private static Path awaitCheckpoint(ForkedJvm.Running app, Path dir, int ended) throws InterruptedException {
        Path checkpoint = dir.resolve("checkpoint-" + ended);
        Waits.until(BOUND, () -> Files.exists(checkpoint) || !app.process.isAlive(), "the workload to reach " + checkpoint);
        if (!Files.exists(checkpoint)) {
            throw new AssertionError("the workload ended before " + checkpoint + "\nstderr:\n" + app.stderrSoFar());
        }
        return checkpoint;
    }

    /** Open descriptors of the process: the entries of {@code /proc/PID/fd}. */
    private static int descriptors(long pid) {
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid), "fd"))) {
            for (Path ignored : fds) {
                count++;
            }
        } catch (IOException ended) {
            return -1;
        }
        return count;
    }

    private static int threads(long pid) throws IOException {
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid), "task"))) {
            int count = 0;
            for (Path ignored : tasks) {
                count++;
            }
            return count;
        }
    }

    /** Descriptors that point into {@code /proc/PID/task/TID} of a thread that is gone. */
    private static int heldForEndedThreads(long pid) {
        String tasks = "/proc/" + pid + "/task/";
        int held = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException closed) {
                    continue;
                }
                if (target.startsWith(tasks)) {
                    String tid = target.substring(tasks.length(), target.indexOf('/', tasks.length()));
                    held += Files.exists(Paths.get(tasks, tid)) ? 0 : 1;
                }
            }
        } catch (IOException ended) {
            return -1;
        }
        return held;
    }

    /** The most descriptors seen while the threads churn, read every 10 ms on a thread of the test. */
    private static final class Peak {
        private final AtomicInteger max = new AtomicInteger();
        private volatile boolean stopped;
        private Thread thread;

        static Peak watch(long pid) {
            Peak peak = new Peak();
            peak.thread = new Thread(() -> {
                while (!peak.stopped) {
                    peak.max.accumulateAndGet(descriptors(pid), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "descriptor-peak");
            peak.thread.setDaemon(true);
            peak.thread.start();
            return peak;
        }

        void stop() throws InterruptedException {
            stopped = true;
            thread.join();
        }

        int max() {
            return max.get();
        }
    }
}
