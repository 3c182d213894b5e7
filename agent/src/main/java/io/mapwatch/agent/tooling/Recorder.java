package io.mapwatch.agent.tooling;

import io.mapwatch.agent.bootstrap.MapDispatcher;
import io.mapwatch.kernel.options.RecordingRequest;
import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Starts the recording {@code record=FILE} asks for: JFR's default settings plus mapwatch.jfc. */
final class Recorder {
    static final String JFC_RESOURCE = "mapwatch.jfc";
    /** The name {@code jcmd PID JFR.dump name=mapwatch} finds the recording by; a second one is mapwatch-2, and so on. */
    static final String NAME = "mapwatch";

    private Recorder() {
    }

    /** A sentence saying why {@code file} cannot be written, or null when it can. */
    static String whyNotWritable(Path file) {
        Path folder = file.getParent();
        if (Files.isDirectory(file)) {
            return file + " is a directory";
        }
        if (folder == null || !Files.isDirectory(folder)) {
            return "folder " + folder + " does not exist";
        }
        if (!Files.isWritable(folder)) {
            return "folder " + folder + " is not writable";
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            return file + " exists and is not writable";
        }
        return null;
    }

    /**
     * Starts a disk recording that keeps what {@code request}'s limits allow and that JFR writes to
     * its file when it stops, including when the JVM exits (normally, by {@code System.exit} or by
     * SIGTERM): JFR's shutdown hook finishes the last chunk and copies the chunks kept.
     */
    static Recording start(RecordingRequest request) throws IOException, ParseException {
        Map<String, String> settings = new HashMap<>(Configuration.getConfiguration("default").getSettings());
        settings.putAll(mapwatchSettings().getSettings());
        MapDispatcher.beginOwnWork();
        try {
            Recording recording = new Recording(settings);
            recording.setName(freeName());
            recording.setToDisk(true);
            recording.setMaxAge(request.maxAge());
            recording.setMaxSize(request.maxSize());
            recording.setDumpOnExit(true);
            recording.setDestination(request.file());
            recording.start();
            return recording;
        } finally {
            MapDispatcher.endOwnWork();
        }
    }

    /** {@link #NAME}, or {@code mapwatch-N} when a running recording has it already (a second {@code record=}). */
    private static String freeName() {
        Set<String> taken = new HashSet<>();
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            taken.add(recording.getName());
        }
        String name = NAME;
        for (int n = 2; taken.contains(name); n++) {
            name = NAME + "-" + n;
        }
        return name;
    }

    static Configuration mapwatchSettings() throws IOException, ParseException {
        try (InputStream in = Recorder.class.getClassLoader().getResourceAsStream(JFC_RESOURCE)) {
            if (in == null) {
                throw new IOException(JFC_RESOURCE + " is missing from the agent jar");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return Configuration.create(reader);
            }
        }
    }
}
