package io.mapwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Where the details of an unexpected failure go: a file in the temporary folder, named on stderr in one line. */
final class InternalError {
    private InternalError() {
    }

    /** Writes the command line, the Java runtime and the stack trace of {@code failure}; the file, or why it could not be written. */
    static String writeDetails(Throwable failure, List<String> args) {
        StringWriter details = new StringWriter();
        try (PrintWriter text = new PrintWriter(details)) {
            text.println("mapwatch " + String.join(" ", args));
            text.println("at " + Instant.now() + ", on Java " + System.getProperty("java.version") + " ("
                    + System.getProperty("java.home") + "), " + System.getProperty("os.name") + " "
                    + System.getProperty("os.version"));
            text.println("version: " + new MapwatchCli.Version().getVersion()[0]);
            text.println();
            failure.printStackTrace(text);
        }
        try {
            Path file = Files.createTempFile("mapwatch-error-", ".txt");
            Files.writeString(file, details.toString(), StandardCharsets.UTF_8);
            return file.toString();
        } catch (IOException | RuntimeException e) {
            return "nowhere (the temporary folder " + System.getProperty("java.io.tmpdir") + " cannot be written: " + e.getMessage() + ")";
        }
    }
}
