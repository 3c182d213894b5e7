package io.mapwatch.agent.tooling.sampling;

/** One periodic pass of a sampler. Runs on a sampler thread; never on an application thread. */
interface SamplerTask {
    /** Short name for status lines, such as {@code smaps}. */
    String name();

    /** Does one pass. May throw: the scheduler counts it and carries on. */
    void run() throws Exception;

    /**
     * How long to wait before the next pass, given the task's period: a task with nothing to
     * watch may sleep longer than its period.
     */
    default long nextDelay(long periodNanos) {
        return periodNanos;
    }
}
