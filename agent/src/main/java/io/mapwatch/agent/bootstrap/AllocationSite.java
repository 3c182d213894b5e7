package io.mapwatch.agent.bootstrap;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where a mapping was made, kept with it so that a recording started later still says so
 * ({@code mapwatch.LiveMapping.mappedFrom}): the first frames below the JDK's own and the agent's,
 * top first, one per line. A walk of a few frames on the mapping thread costs a few microseconds,
 * as much as a small map and unmap themselves: so at most {@value #PER_SECOND} walks a second are
 * made (a budget refilled every second), and a mapping made beyond the budget, in a burst of maps,
 * keeps no site. Long-lived mappings are seldom made in bursts. No lambdas: this runs inside the
 * JDK's map path.
 */
final class AllocationSite implements Function<Stream<StackWalker.StackFrame>, String> {
    /** Frames kept: enough to name the caller and its caller's caller. */
    static final int FRAMES = 4;
    /** Frames looked at: the JDK's map path and the agent's own are about ten deep. */
    private static final int WALK_LIMIT = 32;
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final AllocationSite FIRST_FRAMES = new AllocationSite();
    /** Walks allowed each second. */
    static final int PER_SECOND = 200;
    private static final long SECOND_NANOS = 1_000_000_000L;
    private static final AtomicLong WINDOW = new AtomicLong(System.nanoTime());
    private static final AtomicInteger LEFT = new AtomicInteger(PER_SECOND);

    private AllocationSite() {
    }

    /**
     * The caller's frames, or null when none is outside the JDK within the first frames, or when
     * this second's budget of walks is spent.
     */
    static String capture() {
        return withinBudget() ? WALKER.walk(FIRST_FRAMES) : null;
    }

    private static boolean withinBudget() {
        long now = System.nanoTime();
        long window = WINDOW.get();
        if (now - window >= SECOND_NANOS && WINDOW.compareAndSet(window, now)) {
            LEFT.set(PER_SECOND);
        }
        return LEFT.get() > 0 && LEFT.decrementAndGet() >= 0;
    }

    @Override
    public String apply(Stream<StackWalker.StackFrame> frames) {
        StringBuilder site = new StringBuilder();
        int kept = 0;
        int seen = 0;
        for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext() && kept < FRAMES && seen++ < WALK_LIMIT; ) {
            StackWalker.StackFrame frame = it.next();
            if (isPlatformOrAgent(frame.getClassName())) {
                continue;
            }
            if (kept++ > 0) {
                site.append('\n');
            }
            site.append(frame.getClassName()).append('.').append(frame.getMethodName());
            if (frame.getLineNumber() > 0) {
                site.append(':').append(frame.getLineNumber());
            }
        }
        return kept == 0 ? null : site.toString();
    }

    private static boolean isPlatformOrAgent(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("sun.")
                || className.startsWith("jdk.") || className.startsWith("io.mapwatch.agent.");
    }
}
