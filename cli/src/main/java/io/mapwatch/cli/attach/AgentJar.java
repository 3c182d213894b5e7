package io.mapwatch.cli.attach;

import io.mapwatch.cli.Bundled;
import io.mapwatch.cli.CliException;
import jdk.jfr.Configuration;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/** The agent jar to load into a JVM, and the event settings it ships ({@code mapwatch.jfc}). */
public record AgentJar(Path path, Map<String, String> settings) {
    private static final String SETTINGS = "mapwatch.jfc";

    /**
     * The agent jar that travels inside the CLI jar, copied once into the user's cache folder
     * ({@code $XDG_CACHE_HOME/mapwatch}, else {@code ~/.cache/mapwatch}): the JVM it is loaded into
     * reads it for as long as it runs, so it cannot be a temporary file.
     */
    public static AgentJar bundled() {
        String cacheHome = System.getenv("XDG_CACHE_HOME");
        Path cache = cacheHome != null && !cacheHome.isBlank()
                ? Path.of(cacheHome) : Path.of(System.getProperty("user.home"), ".cache");
        try {
            return at(Bundled.cached(Bundled.AGENT_JAR, cache.resolve("mapwatch")));
        } catch (CliException e) {
            throw CliException.badInput(e.getMessage() + " (--agent JAR names a copy to load instead)");
        }
    }

    /** The agent jar at {@code path}, checked to be one by the settings it must hold. */
    public static AgentJar at(Path path) {
        Path jar = path.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw CliException.badInput("the agent jar " + jar + " does not exist");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry entry = file.getJarEntry(SETTINGS);
            if (entry == null) {
                throw CliException.badInput(jar + " is not the mapwatch agent jar: it holds no " + SETTINGS);
            }
            try (Reader reader = new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8)) {
                return new AgentJar(jar, Map.copyOf(Configuration.create(reader).getSettings()));
            }
        } catch (IOException e) {
            throw CliException.badInput("cannot read the agent jar " + jar + ": " + e.getMessage());
        } catch (ParseException e) {
            throw CliException.badInput(SETTINGS + " in " + jar + " cannot be parsed: " + e.getMessage());
        }
    }
}
