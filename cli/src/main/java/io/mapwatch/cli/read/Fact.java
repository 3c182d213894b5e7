package io.mapwatch.cli.read;

import java.time.Instant;
import java.util.List;

/**
 * One event of a recording, reduced to what the analyses use, named after its event type.
 * Stack traces are kept as {@link Stack}s, which every reader fills alike, and are turned into text
 * only by the analyses that keep them. A figure the agent did not measure is -1, as in the events.
 */
public sealed interface Fact {
    /** Start of the event in nanoseconds since the epoch: kept as a number, as millions of facts may wait for their turn. */
    long startNanos();

    /** Start of the event. */
    default Instant time() {
        return Instant.ofEpochSecond(0, startNanos());
    }

    /** Length of the event; 0 for an instant event. */
    default long durationNanos() {
        return 0;
    }

    /** End of the event in nanoseconds since the epoch: the order a recording is read in. */
    default long endNanos() {
        return startNanos() + durationNanos();
    }

    /** A fact about one file, named by the path the agent gave it (null when it did not know it). */
    sealed interface AboutFile extends Fact {
        String path();
    }

    /** {@code mapwatch.Map}. */
    record Map(long startNanos, long durationNanos, String path, long mappedSize, long address, boolean fileExtended,
               Stack stack) implements AboutFile {
    }

    /**
     * {@code mapwatch.LiveMapping}: a mapping live at the start of a chunk, however long ago it was made.
     *
     * @param mappedAt   when the map returned
     * @param mappedFrom the frames where it was mapped, one per line, top first; null when not kept
     */
    record LiveMapping(long startNanos, String path, long mappedSize, long address, Instant mappedAt,
                       String mappedFrom) implements AboutFile {
    }

    /** {@code mapwatch.Unmap}. */
    record Unmap(long startNanos, long durationNanos, String path, long address, long lifetimeNanos,
                 String trigger) implements AboutFile {
    }

    /**
     * {@code mapwatch.MapFailure}.
     *
     * @param stack where the map was called, as whichever parser read it (ours, the JDK's, JMC's); null when not recorded
     */
    record MapFailure(long startNanos, String path, String mode, long size, String message, long mapCount,
                      long maxMapCount, Stack stack) implements AboutFile {
    }

    /** {@code mapwatch.Force}. */
    record Force(long startNanos, long durationNanos, String path) implements AboutFile {
    }

    /** {@code mapwatch.Load}. */
    record Load(long startNanos, long durationNanos, String path) implements AboutFile {
    }

    /** {@code mapwatch.MappedRead} ({@code write} false) or {@code mapwatch.MappedWrite}. */
    record MappedAccess(long startNanos, long durationNanos, long osThreadId, String path, long bytes,
                        boolean write) implements AboutFile {
    }

    /** {@code mapwatch.MappingResidency}; the smaps figures are -1 between smaps passes. */
    record MappingResidency(long startNanos, String path, long address, long mappedSize, long residentBytes,
                            long pageCacheBytes, SmapsFigures smaps) implements AboutFile {
    }

    /**
     * {@code mapwatch.WorkingSet}: the bytes of one mapping this process touched in one window.
     *
     * @param windowNanos     from the clear of the accessed bits to their reading, ending at this event
     * @param referencedBytes the mapping's pages touched in the window
     * @param residentBytes   the mapping's pages in this process's page tables at the end of the window
     */
    record WorkingSet(long startNanos, String path, long address, long mappedSize, long windowNanos, long referencedBytes,
                      long residentBytes) implements AboutFile {
    }

    /** The smaps figures of one mapping, in bytes. */
    record SmapsFigures(long rss, long pss, long sharedClean, long sharedDirty, long privateClean, long privateDirty,
                        long referenced, long swap) {
        /** All -1: smaps was not read. */
        public static final SmapsFigures NOT_READ = new SmapsFigures(-1, -1, -1, -1, -1, -1, -1, -1);

        public boolean measured() {
            return rss >= 0;
        }
    }

    /** {@code mapwatch.MappedMemory}. */
    record MappedMemory(long startNanos, long trackedCount, long trackedBytes, long trackedResidentBytes,
                        long untrackedCount, long untrackedBytes, long mapCount, long maxMapCount,
                        long rssFile, long rssAnon) implements Fact {
    }

    /** {@code mapwatch.UntrackedMapping}. */
    record UntrackedMapping(long startNanos, String path, long address, long size) implements AboutFile {
    }

    /** {@code mapwatch.PageFaults}: deltas since the previous sample. */
    record PageFaults(long startNanos, long minorFaults, long majorFaults) implements Fact {
    }

    /** {@code mapwatch.ThreadPageFaults}: deltas since the previous sample. */
    record ThreadPageFaults(long startNanos, long osThreadId, String threadName, long minorFaults,
                            long majorFaults) implements Fact {
    }

    /**
     * {@code mapwatch.PageFaultStall}: the samples around a stretch in which the thread was stalled in
     * faults, and how long it was blocked in it ({@code blockedTime}; the duration in recordings made
     * before that field).
     */
    record PageFaultStall(long startNanos, long durationNanos, long blockedNanos, long osThreadId, String threadName, long samples,
                          long majorFaults) implements Fact {
    }

    /**
     * {@code mapwatch.FaultRange}: exact major faults of one thread on one range of one file in one
     * period ({@code path} null: memory that is not a file).
     *
     * @param tracked         the range lies in a mapping the agent saw made
     * @param offset          where the range starts in the file; -1 when not a file
     * @param stallNanos      the time the stall watcher saw the thread blocked on these faults, -1 if not measured
     * @param intervalNanos   the period covered, ending at this event
     */
    record FaultRange(long startNanos, long durationNanos, String path, boolean tracked, long osThreadId,
                      String threadName, long offset, long length, long majorFaults, long stallNanos,
                      long intervalNanos) implements AboutFile {
        /** Start of the period the faults were counted in, in nanoseconds since the epoch. */
        public long periodStartNanos() {
            return endNanos() - Math.max(durationNanos, intervalNanos);
        }
    }

    /** {@code mapwatch.MemoryPressure}. */
    record MemoryPressure(long startNanos, double psiSomeAvg10, double psiFullAvg10, long cgroupLimit, long cgroupUsage,
                          long cgroupFile, long cgroupRefaults, long cached) implements Fact {
    }

    /** {@code mapwatch.MappingHazard}. */
    record MappingHazard(long startNanos, String kind, String path, long address, long mappedSize, long fileSize,
                         String detail) implements AboutFile {
    }

    /** {@code mapwatch.AgentStatus}. */
    record AgentStatus(long startNanos, String version) implements Fact {
    }

    /**
     * {@code mapwatch.SourceStatus}: whether one of the agent's data sources works.
     *
     * @param state OK, OFF, UNAVAILABLE or FAILING
     */
    record SourceStatus(long startNanos, String source, String state, String reason) implements Fact {
    }

    /**
     * {@code jdk.ExecutionSample}: where a thread was when it was sampled.
     *
     * @param threadName the thread's Java name, whole (the agent's events carry the kernel's, cut at 15 bytes)
     * @param stack      where the thread was, as whichever parser read it (ours, the JDK's, JMC's); null when not recorded
     */
    record ExecutionSample(long startNanos, long osThreadId, String threadName, Stack stack) implements Fact {
    }

    /** {@code jdk.FileRead}: a read() of a file, recorded when it took longer than its threshold. */
    record FileRead(long startNanos, long durationNanos, String path, long bytesRead) implements Fact {
    }

    /** {@code jdk.JavaErrorThrow}: an Error was constructed. */
    record ErrorThrown(long startNanos, long osThreadId, String thrownClass, String message,
                       Stack stack) implements Fact {
    }

    /**
     * The Java frames of a recorded stack trace, top first: what the analyses use of a stack. One
     * reader shares one object among the events of a chunk that have the same stack.
     */
    record Stack(List<Frame> frames) {
        public Stack {
            frames = List.copyOf(frames);
        }
    }

    /**
     * One Java frame of a {@link Stack}.
     *
     * @param type   the class of the method, with dots ({@code java.nio.channels.FileChannel})
     * @param method the method's name
     * @param line   the line number, or a number below 1 when not known
     */
    record Frame(String type, String method, int line) {
    }

    /** {@code jdk.JVMInformation}: which JVM wrote the chunk. */
    record JvmIdentity(long startNanos, long pid, Instant jvmStartTime) implements Fact {
    }
}
