package io.mapwatch.cli.analysis;

/**
 * A thread that stalled in page faults or faulted: its stalls and its fault counters
 * ({@code mapwatch.ThreadPageFaults}); -1 where not measured.
 */
public record FaultingThread(String name, long osThreadId, StallFigures stalls, long majorFaults, long minorFaults) {
}
