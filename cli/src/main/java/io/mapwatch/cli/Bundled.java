package io.mapwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The agent jar and the test-apps jar travel inside the CLI jar; this puts them on disk. */
public final class Bundled {
    public static final String AGENT_JAR = "mapwatch-agent.jar";
    public static final String TEST_APPS_JAR = "mapwatch-test-apps.jar";

    private Bundled() {
    }

    /** Copies the bundled {@code name} into {@code dir} and returns its path. */
    public static Path extract(String name, Path dir) {
        byte[] content = read(name);
        Path target = dir.resolve(name);
        try {
            Files.write(target, content);
            return target;
        } catch (IOException e) {
            throw cannotWrite(name, dir, e);
        }
    }

    /**
     * The bundled {@code name} in {@code dir}, under a name that holds a hash of its content, written
     * only when it is not there yet. A JVM that loaded the file keeps reading it, so a file once
     * written is never rewritten: another version gets another name.
     */
    public static Path cached(String name, Path dir) {
        byte[] content = read(name);
        int dot = name.lastIndexOf('.');
        Path target = dir.resolve(name.substring(0, dot) + "-" + sha256(content).substring(0, 16) + name.substring(dot));
        try {
            if (Files.isRegularFile(target) && Files.size(target) == content.length) {
                return target;
            }
            Files.createDirectories(dir);
            // Readable by all: the JVM it is loaded into may run as another user.
            Path partial = Files.createTempFile(dir, name, ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            try {
                Files.write(partial, content);
                return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw cannotWrite(name, dir, e);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = Bundled.class.getResourceAsStream("/bundled/" + name)) {
            if (in == null) {
                throw CliException.badInput(name + " is missing from this CLI build; rebuild with mvn package");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw CliException.badInput("cannot read " + name + " from the CLI jar: " + e.getMessage());
        }
    }

    private static CliException cannotWrite(String name, Path dir, IOException e) {
        return CliException.badInput("cannot write " + name + " into " + dir + ": " + e.getMessage());
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
