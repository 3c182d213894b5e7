package io.mapwatch.agent.it;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

    /** The first frame outside the JDK and the agent: the code that asked for the map. */
    static String topApplicationFrame(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return null;
        }
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("sun.") || type.startsWith("jdk.")
                    || type.startsWith("io.mapwatch.agent.")) {
                continue;
            }
            return type + "." + frame.getMethod().getName();
        }
        return null;
    }
}
