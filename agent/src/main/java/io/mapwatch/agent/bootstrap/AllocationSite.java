package io.mapwatch.agent.bootstrap;

import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where a mapping was made, kept with it so that a recording started later still says so
 * ({@code mapwatch.LiveMapping.mappedFrom}): the first frames below the JDK's own and the agent's,
 * top first, one per line. A walk of a few frames on the mapping thread, a few microseconds beside
 * the mmap itself. No lambdas: this runs inside the JDK's map path.
 */
final class AllocationSite implements Function<Stream<StackWalker.StackFrame>, String> {
    /** Frames kept: enough to name the caller and its caller's caller. */
    static final int FRAMES = 4;
    /** Frames looked at: the JDK's map path and the agent's own are about ten deep. */
    private static final int WALK_LIMIT = 32;
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final AllocationSite FIRST_FRAMES = new AllocationSite();

    private AllocationSite() {
    }

    /** The caller's frames, or null when none is outside the JDK within the first frames. */
    static String capture() {
        return WALKER.walk(FIRST_FRAMES);
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
