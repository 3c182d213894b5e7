package io.mapwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The agent jar and the test-apps jar travel inside the CLI jar; this puts them on disk. */
public final class Bundled {
    public static final String AGENT_JAR = "mapwatch-agent.jar";
    public static final String TEST_APPS_JAR = "mapwatch-test-apps.jar";

    private Bundled() {
    }

    /** Copies the bundled {@code name} into {@code dir} and returns its path. */
    public static Path extract(String name, Path dir) {
        try (InputStream in = Bundled.class.getResourceAsStream("/bundled/" + name)) {
            if (in == null) {
                throw CliException.badInput(name + " is missing from this CLI build; rebuild with mvn package");
            }
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw CliException.badInput("cannot write " + name + " into " + dir + ": " + e.getMessage());
        }
    }
}
