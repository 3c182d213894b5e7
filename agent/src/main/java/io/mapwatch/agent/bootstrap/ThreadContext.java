package io.mapwatch.agent.bootstrap;

/** Per-thread state of the dispatchers; one small object per thread that maps files. */
final class ThreadContext {
    private static final ThreadLocal<ThreadContext> CONTEXT = new ThreadLocal<>() {
        @Override
        protected ThreadContext initialValue() {
            return new ThreadContext();
        }
    };

    /** The map call in progress on this thread, if any. */
    MapCall current;
    /** Depth of {@code FileChannel.map(..., Arena)} calls: a map made inside is a MemorySegment. */
    int segmentMapDepth;
    /** Depth of the agent's own work on this thread: what it maps is not the application's. */
    int ownWorkDepth;

    static ThreadContext get() {
        return CONTEXT.get();
    }
}
