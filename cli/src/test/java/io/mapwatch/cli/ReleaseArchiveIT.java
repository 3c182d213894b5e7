package io.mapwatch.cli;

import io.mapwatch.testapps.MapScenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The release archive as a user gets it: unpacked into a folder of its own, its launcher linked
 * from another folder and run from a third, with a PATH that holds Java and a few shell tools but
 * no Maven; and with a Java older than 17 first in line.
 */
class ReleaseArchiveIT {
    private static final String VERSION = System.getProperty("mapwatch.version");

    @TempDir
    Path dir;
    private Path launcher;
    private Path tools;

    @BeforeEach
    void unpackAndLink() throws Exception {
        Path unpacked = Files.createDirectory(dir.resolve("opt"));
        Result tar = run(List.of("tar", "-xzf", System.getProperty("mapwatch.release.archive"), "-C", unpacked.toString()),
                Map.of(), dir);
        assertEquals(0, tar.exit(), tar.toString());
        Path release = unpacked.resolve("mapwatch-" + VERSION);
        for (String file : List.of("mapwatch", "mapwatch-cli.jar", "mapwatch-agent.jar", "mapwatch-jmc-rules.jar",
                "mapwatch.jfc", "LICENSE", "README.md", "docs/cli.md", "docs/jdk-tools.md")) {
            assertTrue(Files.isRegularFile(release.resolve(file)), "the archive holds " + file);
        }
        assertTrue(Files.isExecutable(release.resolve("mapwatch")), "the launcher stays executable");

        launcher = Files.createSymbolicLink(Files.createDirectory(dir.resolve("bin")).resolve("mapwatch"),
                release.resolve("mapwatch"));
        tools = Files.createDirectory(dir.resolve("tools"));
        for (String tool : List.of("bash", "readlink", "dirname", "sed", "head", "cut")) {
            Files.createSymbolicLink(tools.resolve(tool), Paths.get("/usr/bin", tool).toRealPath());
        }
    }

    @Test
    void runsThroughASymlinkFromAnyFolderWithoutMaven() throws Exception {
        Files.createSymbolicLink(tools.resolve("java"), Paths.get(System.getProperty("java.home"), "bin", "java"));
        Map<String, String> env = Map.of("PATH", tools.toString());
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));

        Result version = run(List.of(launcher.toString(), "--version"), env, elsewhere);
        assertEquals(0, version.exit(), version.toString());
        assertEquals("mapwatch " + VERSION + "\n", version.out());
        assertEquals("", version.err(), "no build, no message");

        Path recording = dir.resolve("small.jfr");
        Workload.Run workload = Workload.record(recording, MapScenario.class, "--dir", dir.toString(),
                "--maps", "READ_ONLY:0:64k:64k", "--unmap");
        assertEquals(0, workload.exitCode(), workload.output());
        Result summary = run(List.of(launcher.toString(), "summary", "--format", "json", recording.toString()), env,
                elsewhere);
        assertEquals(0, summary.exit(), summary.toString());
        Map<String, Object> row = Json.row(Json.array(Json.parse(summary.out()), "mappings"), "path",
                dir.resolve("map-0.dat").toString());
        assertEquals(1, Json.number(row, "maps"), row.toString());

        Result maps = run(List.of(launcher.toString(), "maps", Long.toString(ProcessHandle.current().pid())), env,
                elsewhere);
        assertEquals(0, maps.exit(), maps.toString());
        assertTrue(maps.out().contains("modules"), "this JVM maps its lib/modules: " + maps);
    }

    @Test
    void saysInOneLineWhenJavaIsOlderThan17() throws Exception {
        Path oldJdk = dir.resolve("jdk-11");
        Path oldJava = Files.createDirectories(oldJdk.resolve("bin")).resolve("java");
        Files.writeString(oldJava, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n"
                + "echo 'OpenJDK Runtime Environment 18.9 (build 11.0.2+9)' >&2\n");
        assertTrue(oldJava.toFile().setExecutable(true));

        Files.createSymbolicLink(tools.resolve("java"), oldJava);
        Result onPath = run(List.of(launcher.toString(), "--version"), Map.of("PATH", tools.toString()), dir);
        assertOneLineAboutJava11(onPath, tools.resolve("java"));

        Path newJava = Paths.get(System.getProperty("java.home"), "bin");
        Result fromJavaHome = run(List.of(launcher.toString(), "--version"),
                Map.of("PATH", tools + ":" + newJava, "JAVA_HOME", oldJdk.toString()), dir);
        assertOneLineAboutJava11(fromJavaHome, oldJava);
    }

    private static void assertOneLineAboutJava11(Result result, Path java) {
        assertEquals(3, result.exit(), result.toString());
        assertEquals("", result.out());
        assertEquals("mapwatch: needs Java 17 or newer, but " + java + " is Java 11.0.2; set JAVA_HOME to a JDK 17 or"
                + " newer\n", result.err());
    }

    @Test
    void jbangAliasRunsThisCliJar() throws IOException {
        Object catalog = Json.parse(Files.readString(Paths.get("..", "jbang-catalog.json")));
        Map<String, Object> alias = Json.object(Json.object(catalog, "aliases"), "mapwatch");
        assertEquals("io.mapwatch:mapwatch-cli:" + VERSION, alias.get("script-ref"), "the version being built");
        assertEquals("17+", alias.get("java"));
        try (JarFile cli = new JarFile(System.getProperty("mapwatch.cli.jar"))) {
            assertEquals(cli.getManifest().getMainAttributes().getValue("Main-Class"), alias.get("main"));
        }
        assertFalse(alias.get("description").toString().isBlank());
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs {@code command} in {@code folder} with only {@code env} for an environment. */
    private Result run(List<String> command, Map<String, String> env, Path folder) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(folder.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "ended: " + command);
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
