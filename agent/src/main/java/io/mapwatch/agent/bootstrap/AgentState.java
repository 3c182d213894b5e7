package io.mapwatch.agent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Process-wide state of the agent that must survive a second load of the agent jar (dynamic
 * attach again) and that advice running inside JDK classes may touch. Defined by the bootstrap loader.
 */
public final class AgentState {
    private static volatile Consumer<String> reloader;
    private static final AtomicLong adviceFailures = new AtomicLong();
    private static volatile Throwable firstAdviceFailure;

    private AgentState() {
    }

    /** Called once by the tooling after it started; later loads hand their options to it. */
    public static synchronized boolean install(Consumer<String> reloadHandler) {
        if (reloader != null) {
            return false;
        }
        reloader = reloadHandler;
        return true;
    }

    /**
     * A second load of the agent calls this first. Returns true when an agent already runs in
     * this JVM, after handing it the new options.
     */
    public static boolean reload(String options) {
        Consumer<String> handler = reloader;
        if (handler == null) {
            return false;
        }
        handler.accept(options);
        return true;
    }

    /** Exception handler of every advice: count, keep the first, never rethrow. */
    public static void adviceFailed(Throwable failure) {
        if (adviceFailures.getAndIncrement() == 0) {
            firstAdviceFailure = failure;
        }
    }

    public static long adviceFailures() {
        return adviceFailures.get();
    }

    public static Throwable firstAdviceFailure() {
        return firstAdviceFailure;
    }
}
