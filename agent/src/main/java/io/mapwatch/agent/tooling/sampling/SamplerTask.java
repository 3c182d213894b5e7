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

    /** What a task without a schedule of its own does in a pass. */
    interface Pass {
        void run() throws Exception;
    }

    /** A task that is a name and a pass, at its period. */
    static SamplerTask of(String name, Pass pass) {
        return new SamplerTask() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run() throws Exception {
                pass.run();
            }
        };
    }
}
