package io.mapwatch.cli.read;

import io.mapwatch.cli.Terminal;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * One line on stderr, rewritten in place, that tells how far a read has got: only when stderr is
 * a terminal, and only once the read has taken longer than {@link #AFTER}; the line is erased when
 * the read ends, so that what follows starts on a clean line. Nothing at all otherwise: a pipe or a
 * file never sees it.
 */
public final class Progress implements AutoCloseable {
    /** A read shorter than this shows nothing. */
    public static final Duration AFTER = Duration.ofSeconds(2);
    private static final Duration EVERY = Duration.ofMillis(250);

    private final String what;
    private final DoubleSupplier done;
    private final PrintWriter err;
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private int shownWidth;
    private boolean closed;

    private Progress(String what, DoubleSupplier done, PrintWriter err, Duration after, Duration every) {
        this.what = what;
        this.done = done;
        this.err = err;
        if (after == null) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mapwatch-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::show, after.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Shows the progress of reading {@code what} on {@code err} if stderr is a terminal; {@code done}
     * gives the share read so far, 0 to 1, from any thread.
     */
    public static Progress of(String what, DoubleSupplier done, PrintWriter err) {
        boolean terminal = Terminal.isTerminal(Terminal.STDERR);
        return new Progress(what, done, err, terminal ? AFTER : null, EVERY);
    }

    /** As {@link #of} with stderr taken as a terminal and the delays given: for tests. */
    static Progress showing(String what, DoubleSupplier done, PrintWriter err, Duration after, Duration every) {
        return new Progress(what, done, err, after, every);
    }

    /** The text of the line after {@code elapsed} with {@code share} read. */
    static String line(String what, double share, Duration elapsed) {
        return String.format(Locale.ROOT, "mapwatch: reading %s: %d%% (%d s)", what,
                Math.round(Math.max(0, Math.min(1, share)) * 100), elapsed.toSeconds());
    }

    private synchronized void show() {
        if (closed) {
            return;
        }
        String line = line(what, done.getAsDouble(), Duration.ofNanos(System.nanoTime() - startNanos));
        err.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
        err.flush();
        shownWidth = line.length();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (shownWidth > 0) {
            err.print("\r" + " ".repeat(shownWidth) + "\r");
            err.flush();
            shownWidth = 0;
        }
    }
}
