package io.mapwatch.cli.attach;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What ends a recording: its duration, Ctrl-C (SIGINT) or SIGTERM, or the end of the JVM recorded.
 * The signals are caught with sun.misc.Signal, which JEP 260 keeps accessible for want of a
 * replacement (javac warns about it, here only): Ctrl-C then means "stop now and write", with exit
 * code 0, and a second Ctrl-C ends the command at once, neither of which a shutdown hook can do.
 * {@link #close()} gives the signals back their previous handlers.
 */
public final class RecordingEnd implements AutoCloseable {
    public enum Reason { DURATION, SIGNAL, JVM_EXITED }

    private final CompletableFuture<Reason> reason = new CompletableFuture<>();
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private RecordingEnd(long pid) {
        ProcessHandle.of(pid).ifPresentOrElse(
                jvm -> jvm.onExit().thenRun(() -> reason.complete(Reason.JVM_EXITED)),
                () -> reason.complete(Reason.JVM_EXITED));
        for (Signal signal : List.of(new Signal("INT"), new Signal("TERM"))) {
            try {
                previous.put(signal, Signal.handle(signal, this::caught));
            } catch (IllegalArgumentException reservedWithXrs) {
                // the signal keeps its usual effect
            }
        }
    }

    /** Starts watching the signals and the JVM {@code pid}. */
    public static RecordingEnd watching(long pid) {
        return new RecordingEnd(pid);
    }

    /** Waits for the first of the three ends. */
    public Reason await(Duration duration) throws InterruptedException {
        try {
            return reason.get(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException durationReached) {
            return Reason.DURATION;
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void caught(Object signal) {
        close();
        reason.complete(Reason.SIGNAL);
    }

    /**
     * Gives each signal its previous handler back. One that was ignored (nohup, a background job)
     * never got ours: the JVM leaves an ignored INT or TERM ignored.
     */
    @Override
    public synchronized void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
