package io.mapwatch.cli.attach;

import io.mapwatch.cli.CliException;
import jdk.management.jfr.ConfigurationInfo;
import jdk.management.jfr.FlightRecorderMXBean;
import jdk.management.jfr.RecordingInfo;

import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A JFR recording in another JVM, driven over its local JMX agent through the
 * {@link FlightRecorderMXBean}, and copied from there into a local file: the file is written by
 * this process, so it lands where the user asked even when the JVM runs as another user, in
 * another folder or in a container. Closing it removes the recording from the JVM.
 */
public final class RemoteRecording implements AutoCloseable {
    private static final String NAME = "mapwatch";
    private static final String BLOCK_SIZE = Integer.toString(1 << 20);

    private final JMXConnector connector;
    private final FlightRecorderMXBean jfr;
    private final long id;

    private RemoteRecording(JMXConnector connector, FlightRecorderMXBean jfr, long id) {
        this.connector = connector;
        this.jfr = jfr;
        this.id = id;
    }

    /**
     * Starts a recording with the JVM's own {@code default} settings plus {@code mapwatchSettings}.
     * The JVM stops it by itself after {@code duration}, so that it never runs on if this process dies.
     */
    public static RemoteRecording start(long pid, String jmxAddress, Map<String, String> mapwatchSettings, Duration duration)
            throws IOException {
        JMXConnector connector = connect(pid, jmxAddress);
        FlightRecorderMXBean jfr;
        Map<String, String> settings;
        long id;
        try {
            jfr = flightRecorder(pid, connector.getMBeanServerConnection());
            settings = new HashMap<>(defaultSettings(pid, jfr));
            settings.putAll(mapwatchSettings);
            id = jfr.newRecording();
        } catch (IOException | RuntimeException e) {
            connector.close();
            throw e;
        }
        RemoteRecording recording = new RemoteRecording(connector, jfr, id);
        try {
            jfr.setRecordingSettings(id, settings);
            jfr.setRecordingOptions(id, Map.of("name", NAME, "disk", "true", "duration", duration.toMillis() + " ms"));
            jfr.startRecording(id);
            return recording;
        } catch (RuntimeException e) {
            recording.close();
            throw e;
        }
    }

    /** Connects to the JVM's local JMX agent; failing that is the JVM's, in one sentence. */
    static JMXConnector connect(long pid, String jmxAddress) {
        try {
            return JMXConnectorFactory.connect(new JMXServiceURL(jmxAddress));
        } catch (IOException e) {
            throw CliException.badInput("cannot connect to the local JMX agent of process " + pid + ": " + e.getMessage());
        }
    }

    /** The JVM's Flight Recorder MXBean; a runtime without {@code jdk.management.jfr} has none. */
    static FlightRecorderMXBean flightRecorder(long pid, MBeanServerConnection connection) throws IOException {
        ObjectName name;
        try {
            name = new ObjectName(FlightRecorderMXBean.MXBEAN_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        if (!connection.isRegistered(name)) {
            throw CliException.badInput("process " + pid + " has no Flight Recorder MXBean: its Java runtime lacks the"
                    + " module jdk.management.jfr");
        }
        return JMX.newMXBeanProxy(connection, name, FlightRecorderMXBean.class);
    }

    /** The JVM's own {@code default} configuration: the event names and settings of its JDK version. */
    private static Map<String, String> defaultSettings(long pid, FlightRecorderMXBean jfr) {
        return jfr.getConfigurations().stream()
                .filter(configuration -> configuration.getName().equals("default"))
                .findFirst()
                .map(ConfigurationInfo::getSettings)
                .orElseThrow(() -> CliException.badInput("process " + pid + " has no 'default' JFR configuration"));
    }

    /** Stops the recording (unless its duration stopped it already) and copies it into {@code file}, whole or not at all. */
    public void stopAndWrite(Path file) throws IOException {
        if (isRunning()) {
            try {
                jfr.stopRecording(id);
            } catch (IllegalStateException stoppedByItsDuration) {
                // the JVM's timer came first: the recording is complete all the same
            }
        }
        Path partial = local(file, () -> Files.write(file.resolveSibling(file.getFileName() + ".part"), new byte[0]));
        try {
            long stream = jfr.openStream(id, Map.of("blockSize", BLOCK_SIZE));
            try {
                for (byte[] block = jfr.readStream(stream); block != null; block = jfr.readStream(stream)) {
                    byte[] data = block;
                    local(file, () -> Files.write(partial, data, StandardOpenOption.APPEND));
                }
            } finally {
                jfr.closeStream(stream);
            }
            local(file, () -> Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE));
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Runs a step on the local file: its failure is the user's file's, not the JVM's. */
    private static Path local(Path file, LocalStep step) {
        try {
            return step.run();
        } catch (IOException e) {
            throw CliException.badInput("cannot write " + file + ": " + e.getMessage());
        }
    }

    private interface LocalStep {
        Path run() throws IOException;
    }

    private boolean isRunning() {
        return jfr.getRecordings().stream()
                .filter(recording -> recording.getId() == id)
                .map(RecordingInfo::getState)
                .anyMatch("RUNNING"::equals);
    }

    /** Removes the recording from the JVM (stopping it if it runs) and disconnects; quietly, as the JVM may be gone. */
    @Override
    public void close() {
        try {
            jfr.closeRecording(id);
        } catch (IOException | RuntimeException alreadyClosedOrJvmGone) {
            // nothing is left to release in the JVM
        }
        try {
            connector.close();
        } catch (IOException alreadyDisconnected) {
            // nothing is left to release here
        }
    }
}
