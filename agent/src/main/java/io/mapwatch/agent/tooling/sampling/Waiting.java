package io.mapwatch.agent.tooling.sampling;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Selector;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How the sampler threads wait: on a selector with nothing registered rather than by parking.
 * JFR records every park longer than 20 ms as a {@code jdk.ThreadPark} with a stack trace, and a
 * sampler sleeping between passes would put several of those a second into the user's recording,
 * each costing a stack walk. A select is not an event.
 *
 * <p>Once the JVM shuts down they park instead: a thread waiting in a select (or in the exact
 * mode's {@code poll}) is in native code, and the JVM waits up to 300 ms at exit for every such
 * thread to come back (measured: a JVM with the agent took 300 ms longer to exit,
 * docs/benchmarks.md). A shutdown hook wakes the selectors and the other waits registered with
 * {@link #wakeAtExit}, and from then on no sampler thread waits in native code.
 */
final class Waiting {
    private static final Set<Selector> OPEN = ConcurrentHashMap.newKeySet();
    private static final Set<Runnable> OTHER_WAITS = ConcurrentHashMap.newKeySet();
    private static volatile boolean exiting;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Waiting::parkFromNowOn, "mapwatch-exit"));
        } catch (IllegalStateException | SecurityException shuttingDownAlready) {
            exiting = true;
        }
    }

    private Waiting() {
    }

    private static void parkFromNowOn() {
        exiting = true;
        OPEN.forEach(Selector::wakeup); // a select that starts after this returns at once
        OTHER_WAITS.forEach(Runnable::run);
    }

    /** True once the JVM shuts down: from then on a thread waits by {@link #sleep}, never in native code. */
    static boolean exiting() {
        return exiting;
    }

    /** {@code wakeup} ends a wait in native code other than a select; it is run when the JVM starts to shut down. */
    static void wakeAtExit(Runnable wakeup) {
        OTHER_WAITS.add(wakeup);
    }

    /** A selector to wait on, or null (then waits park, with {@code jdk.ThreadPark} events in a recording). */
    static Selector openSelector() {
        try {
            Selector selector = Selector.open();
            OPEN.add(selector);
            return selector;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static void close(Selector selector) {
        if (selector != null) {
            OPEN.remove(selector);
            try {
                selector.close();
            } catch (IOException ignored) {
                // nothing registered, nothing to lose
            }
        }
    }

    /**
     * Waits about {@code nanos} (forever when {@code Long.MAX_VALUE}), or until
     * {@link Selector#wakeup()} or an unpark of the thread. Returns at once for 0 or less.
     */
    static void sleep(Selector selector, Object blocker, long nanos) {
        if (nanos <= 0) {
            return;
        }
        long millis = nanos == Long.MAX_VALUE ? 0 : TimeUnit.NANOSECONDS.toMillis(nanos);
        if (selector == null || exiting || (millis == 0 && nanos != Long.MAX_VALUE)) {
            LockSupport.parkNanos(blocker, nanos); // under a millisecond: below any JFR threshold
            return;
        }
        try {
            selector.select(millis); // 0: until woken
        } catch (IOException | ClosedSelectorException e) {
            LockSupport.parkNanos(blocker, nanos == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : nanos);
        }
    }
}
