package io.mapwatch.agent.tooling.sampling;

/** One periodic pass of a sampler. Runs on a sampler thread; never on an application thread. */
interface SamplerTask {
    /** Short name for status events, such as {@code smaps}. */
    String name();

    /**
     * Does one pass. A pass whose figures nobody would read (its events disabled, no JMX client)
     * returns at once. May throw: the scheduler counts it and carries on.
     */
    void run() throws Exception;

    /** What a task without state of its own does in a pass. */
    interface Action {
        void run() throws Exception;
    }

    /** A task that is a name and an action. */
    static SamplerTask of(String name, Action action) {
        return new SamplerTask() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run() throws Exception {
                action.run();
            }
        };
    }
}
