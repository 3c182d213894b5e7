package io.mapwatch.cli.read;

import jdk.jfr.consumer.RecordedStackTrace;

import java.time.Instant;

/**
 * One event of a recording, reduced to what the analyses use. Stack traces stay as JFR's own
 * immutable objects and are turned into text only by the analyses that keep them.
 * A figure the agent did not measure is -1, as in the events.
 */
public sealed interface Fact {
    /** Start of the event. */
    Instant time();

    /** Length of the event; 0 for an instant event. */
    default long durationNanos() {
        return 0;
    }

    /** End of the event in nanoseconds since the epoch: the order a recording is read in. */
    default long endNanos() {
        return time().getEpochSecond() * 1_000_000_000L + time().getNano() + durationNanos();
    }

    /** {@code mapwatch.Map}. */
    record Map(Instant time, long durationNanos, String path, long mappedSize, long address, boolean fileExtended,
               RecordedStackTrace stack) implements Fact {
    }

    /** {@code mapwatch.Unmap}. */
    record Unmap(Instant time, long durationNanos, String path, long address, long lifetimeNanos,
                 String trigger) implements Fact {
    }

    /** {@code mapwatch.MapFailure}. */
    record MapFailure(Instant time, String path, String mode, long size, String message, long mapCount,
                      long maxMapCount, RecordedStackTrace stack) implements Fact {
    }

    /** {@code mapwatch.Force}. */
    record Force(Instant time, long durationNanos, String path) implements Fact {
    }

    /** {@code mapwatch.Load}. */
    record Load(Instant time, long durationNanos, String path) implements Fact {
    }

    /** {@code mapwatch.MappedRead} ({@code write} false) or {@code mapwatch.MappedWrite}. */
    record MappedAccess(Instant time, long durationNanos, long osThreadId, String path, long bytes,
                        boolean write) implements Fact {
    }

    /** {@code mapwatch.MappingResidency}; the smaps figures are -1 between smaps passes. */
    record Residency(Instant time, String path, long address, long mappedSize, long residentBytes,
                     long pageCacheBytes, Smaps smaps) implements Fact {
    }

    /** The smaps figures of one mapping, in bytes. */
    record Smaps(long rss, long pss, long sharedClean, long sharedDirty, long privateClean, long privateDirty,
                 long referenced, long swap) {
        public boolean measured() {
            return rss >= 0;
        }
    }

    /** {@code mapwatch.MappedMemory}. */
    record ProcessMemory(Instant time, long trackedCount, long trackedBytes, long trackedResidentBytes,
                         long untrackedCount, long untrackedBytes, long mapCount, long maxMapCount,
                         long rssFile, long rssAnon) implements Fact {
    }

    /** {@code mapwatch.UntrackedMapping}. */
    record Untracked(Instant time, String path, long address, long size) implements Fact {
    }

    /** {@code mapwatch.PageFaults}: deltas since the previous sample. */
    record ProcessFaults(Instant time, long minorFaults, long majorFaults) implements Fact {
    }

    /** {@code mapwatch.ThreadPageFaults}: deltas since the previous sample. */
    record ThreadFaults(Instant time, long osThreadId, String threadName, long minorFaults,
                        long majorFaults) implements Fact {
    }

    /** {@code mapwatch.PageFaultStall}: from the first sample that saw the thread blocked to the first that saw it run. */
    record Stall(Instant time, long durationNanos, long osThreadId, String threadName, long samples,
                 long majorFaults) implements Fact {
    }

    /** {@code mapwatch.MemoryPressure}. */
    record Pressure(Instant time, double psiSomeAvg10, double psiFullAvg10, long cgroupLimit, long cgroupUsage,
                    long cgroupFile, long cgroupRefaults, long cached) implements Fact {
    }

    /** {@code mapwatch.MappingHazard}. */
    record Hazard(Instant time, String kind, String path, long address, long mappedSize, long fileSize,
                  String detail) implements Fact {
    }

    /** {@code mapwatch.AgentStatus}. */
    record AgentStatus(Instant time, String version, String options, String sources,
                       String notInstrumented) implements Fact {
    }

    /** {@code jdk.ExecutionSample}: where a thread was when it was sampled. */
    record ExecutionSample(Instant time, long osThreadId, RecordedStackTrace stack) implements Fact {
    }

    /** {@code jdk.FileRead}: a read() of a file, recorded when it took longer than its threshold. */
    record FileRead(Instant time, long durationNanos, String path, long bytesRead) implements Fact {
    }

    /** {@code jdk.JavaErrorThrow}: an Error was constructed. */
    record ErrorThrown(Instant time, long osThreadId, String thrownClass, String message,
                       RecordedStackTrace stack) implements Fact {
    }

    /** {@code jdk.JVMInformation}: which JVM wrote the chunk. */
    record JvmIdentity(Instant time, long pid, Instant jvmStartTime) implements Fact {
    }
}
