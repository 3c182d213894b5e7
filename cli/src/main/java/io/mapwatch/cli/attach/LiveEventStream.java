package io.mapwatch.cli.attach;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.read.Fact;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.cli.read.FieldReader;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;
import jdk.management.jfr.RemoteRecordingStream;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * mapwatch's events from a live JVM as they happen, and no recording file: JFR's event streaming
 * over the JVM's local JMX agent ({@link RemoteRecordingStream}). The JVM runs a recording of
 * mapwatch's events only, without stack traces; JFR flushes it about every second and this process
 * reads it over JMX into a temporary folder of its own, which JFR removes when the stream closes.
 * The recording is named {@value #NAME} and leased: it stops by itself {@link #LEASE} after the
 * last renewal, so it never runs on in the JVM when this process is killed. {@link #close()}
 * removes it at once.
 */
public final class LiveEventStream implements AutoCloseable {
    /** The name {@code jcmd PID JFR.check} shows while it runs. */
    static final String NAME = "mapwatch-top";
    static final Duration LEASE = Duration.ofMinutes(1);
    private static final String JFR_STREAM_NAME = "Remote Recording Stream";

    private final JMXConnector connector;
    private final RemoteRecordingStream stream;
    private final ScheduledExecutorService renewal;
    private final CountDownLatch flushed;

    private LiveEventStream(JMXConnector connector, RemoteRecordingStream stream, ScheduledExecutorService renewal,
                            CountDownLatch flushed) {
        this.connector = connector;
        this.stream = stream;
        this.renewal = renewal;
        this.flushed = flushed;
    }

    /** Starts streaming the events {@code mapwatchSettings} enable (mapwatch.jfc's) into {@code sink}, as facts. */
    public static LiveEventStream start(long pid, String jmxAddress, Map<String, String> mapwatchSettings,
                                        Consumer<Fact> sink) {
        JMXConnector connector = RemoteRecording.connect(pid, jmxAddress);
        RemoteRecordingStream stream = null;
        try {
            MBeanServerConnection connection = connector.getMBeanServerConnection();
            FlightRecorderMXBean jfr = RemoteRecording.flightRecorder(pid, connection);
            Set<Long> before = ids(jfr.getRecordings());
            stream = new RemoteRecordingStream(connection);
            long id = created(jfr.getRecordings(), before);
            stream.setSettings(withoutStackTraces(mapwatchSettings));
            FieldReader fields = new FieldReader();
            stream.onEvent(event -> {
                Fact fact = RecordingReader.fact(event, fields);
                if (fact != null) {
                    sink.accept(fact);
                }
            });
            CountDownLatch flushed = new CountDownLatch(1);
            stream.onFlush(flushed::countDown);
            jfr.setRecordingOptions(id, Map.of("name", NAME, "duration", LEASE.toSeconds() + " s"));
            long started = System.nanoTime();
            stream.startAsync();
            ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mapwatch-lease");
                thread.setDaemon(true);
                return thread;
            });
            long every = LEASE.toSeconds() / 3;
            renewal.scheduleWithFixedDelay(() -> renew(jfr, id, started), every, every, TimeUnit.SECONDS);
            return new LiveEventStream(connector, stream, renewal, flushed);
        } catch (IOException | RuntimeException e) {
            if (stream != null) {
                stream.close();
            }
            closeQuietly(connector);
            if (e instanceof CliException) {
                throw (CliException) e;
            }
            throw CliException.badInput("cannot stream the events of process " + pid + ": " + e.getMessage());
        }
    }

    /**
     * Waits until the first events have arrived (JFR flushes about every second), at most {@code bound}:
     * an interval that starts before then would show the events of the ones before it.
     */
    public void awaitFirstEvents(Duration bound) throws InterruptedException {
        flushed.await(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The settings with stack traces off: top shows none, and each costs the JVM microseconds. */
    static Map<String, String> withoutStackTraces(Map<String, String> settings) {
        Map<String, String> changed = new HashMap<>(settings);
        changed.replaceAll((key, value) -> key.endsWith("#stackTrace") ? "false" : value);
        return changed;
    }

    private static Set<Long> ids(List<RecordingInfo> recordings) {
        return recordings.stream().map(RecordingInfo::getId).collect(Collectors.toSet());
    }

    /** The recording the stream made: the newest one of JFR's streams that was not there before. */
    private static long created(List<RecordingInfo> recordings, Set<Long> before) {
        return recordings.stream()
                .filter(r -> !before.contains(r.getId()) && r.getName().startsWith(JFR_STREAM_NAME))
                .mapToLong(RecordingInfo::getId)
                .max()
                .orElseThrow(() -> new IllegalStateException("the JVM shows no recording for the stream"));
    }

    /** Moves the recording's end to a lease from now; a JVM gone or a recording closed has nothing to renew. */
    private static void renew(FlightRecorderMXBean jfr, long id, long started) {
        try {
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + LEASE.toSeconds();
            jfr.setRecordingOptions(id, Map.of("duration", seconds + " s"));
        } catch (RuntimeException goneOrClosed) {
            // the stream ends with the JVM or the recording
        }
    }

    /** Stops and removes the recording in the JVM (quietly: it may be gone) and the local copy of its data. */
    @Override
    public void close() {
        renewal.shutdownNow();
        stream.close();
        closeQuietly(connector);
    }

    private static void closeQuietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException alreadyDisconnected) {
            // nothing is left to release here
        }
    }
}
