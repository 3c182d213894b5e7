package io.mapwatch.agent.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** mapwatch.jfc as a user gets it, out of the agent jar, and the JDK's ways of recording with it. */
final class ShippedJfc {
    static final String ENTRY = "mapwatch.jfc";

    private ShippedJfc() {
    }

    /** Extracts mapwatch.jfc from the agent jar into {@code dir}, as {@code unzip -p mapwatch-agent.jar mapwatch.jfc} does. */
    static Path extract(Path dir) throws IOException {
        try (ZipFile jar = new ZipFile(ForkedJvm.AGENT_JAR.toFile())) {
            ZipEntry entry = jar.getEntry(ENTRY);
            if (entry == null) {
                throw new AssertionError(ENTRY + " is not in " + ForkedJvm.AGENT_JAR);
            }
            Path jfc = dir.resolve(ENTRY);
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, jfc, StandardCopyOption.REPLACE_EXISTING);
            }
            return jfc;
        }
    }

    /**
     * {@code -XX:StartFlightRecording} with JFR's default settings plus {@code jfc}, knobs of the
     * .jfc files given as {@code name=value}, written to {@code recording} at exit.
     */
    static String startFlightRecording(Path jfc, Path recording, String... knobs) {
        StringBuilder option = new StringBuilder("-XX:StartFlightRecording:settings=default,settings=").append(jfc);
        for (String knob : knobs) {
            option.append(',').append(knob);
        }
        return option.append(",filename=").append(recording).toString();
    }
}
