package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reading a recording the way a user's tool would: the JDK's own consumer API. */
final class Recordings {
    private Recordings() {
    }

    static List<RecordedEvent> events(Path recording, String name) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(name))
                .collect(Collectors.toList());
    }

    /** The last {@code mapwatch.SourceStatus} of each source in the recording, by source name. */
    static Map<String, RecordedEvent> lastSourceStates(Path recording) throws IOException {
        Map<String, RecordedEvent> states = new TreeMap<>();
        for (RecordedEvent e : events(recording, "mapwatch.SourceStatus")) {
            states.put(e.getString("source"), e);
        }
        return states;
    }

    /** The first frame outside the JDK: the code that asked for the map (never the agent's, see StackTracesIT). */
    static String topApplicationFrame(RecordedEvent event) {
        for (String frame : frames(event)) {
            if (!isJdkFrame(frame)) {
                return frame;
            }
        }
        return null;
    }

    /** The event's stack trace as {@code package.Type.method}, top frame first; empty without one. */
    static List<String> frames(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return List.of();
        }
        return event.getStackTrace().getFrames().stream()
                .map(frame -> frame.getMethod().getType().getName() + "." + frame.getMethod().getName())
                .collect(Collectors.toList());
    }

    static boolean isJdkFrame(String frame) {
        return frame.startsWith("java.") || frame.startsWith("sun.") || frame.startsWith("jdk.");
    }
}
