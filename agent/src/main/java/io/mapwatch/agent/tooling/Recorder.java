package io.mapwatch.agent.tooling;

import io.mapwatch.agent.bootstrap.MapDispatcher;
import jdk.jfr.Configuration;
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
import java.util.Map;

/** Starts the recording {@code record=FILE} asks for: JFR's default settings plus mapwatch.jfc. */
final class Recorder {
    static final String JFC_RESOURCE = "mapwatch.jfc";

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
     * Starts a disk recording that JFR writes to {@code file} when it stops, including when the
     * JVM exits (normally, by {@code System.exit} or by SIGTERM).
     */
    static Recording start(Path file) throws IOException, ParseException {
        Map<String, String> settings = new HashMap<>(Configuration.getConfiguration("default").getSettings());
        settings.putAll(mapwatchSettings().getSettings());
        MapDispatcher.beginOwnWork();
        try {
            Recording recording = new Recording(settings);
            recording.setName("mapwatch");
            recording.setToDisk(true);
            recording.setDumpOnExit(true);
            recording.setDestination(file);
            recording.start();
            return recording;
        } finally {
            MapDispatcher.endOwnWork();
        }
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
