package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** demo --dir touches only what the demo made: a folder holding anything else is refused before anything is written. */
class DemoFolderTest {
    @TempDir
    Path dir;

    @Test
    void folderWithTheUsersFilesIsRefusedAndLeftAsItWas() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("work"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        Path data = Files.createDirectories(folder.resolve("data"));
        Files.writeString(data.resolve("index.dat"), "mine too");
        Files.writeString(folder.resolve("mapwatch-agent.jar"), "not the agent");

        CliRun run = CliRun.of("demo", "--seconds", "1", "--dir", folder.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals("mapwatch: demo will not use " + folder + ": it holds data, which the demo did not create;"
                + " give a new or empty folder", run.err().strip());
        assertEquals("", run.out());
        assertEquals(List.of("data", "mapwatch-agent.jar", "notes.txt"), names(folder));
        assertEquals("mine too", Files.readString(data.resolve("index.dat")));
        assertEquals("not the agent", Files.readString(folder.resolve("mapwatch-agent.jar")));
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "mine");

        CliRun run = CliRun.of("demo", "--dir", file.toString());

        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals("mapwatch: demo will not use " + file + ": it is not a folder", run.err().strip());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void newEmptyOrEarlierDemoFoldersAreTheDemosOwn() throws IOException {
        Path created = DemoCommand.claim(dir.resolve("new"));
        assertEquals(List.of(DemoCommand.MARKER), names(created));

        Path empty = DemoCommand.claim(Files.createDirectories(dir.resolve("empty")));
        Files.writeString(empty.resolve("mapwatch-demo.jfr"), "an earlier demo's recording");
        Files.createDirectories(empty.resolve("data"));
        assertEquals(empty, DemoCommand.claim(empty), "a folder an earlier demo made");

        Files.writeString(empty.resolve("notes.txt"), "mine");
        CliRun run = CliRun.of("demo", "--dir", empty.toString());
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertTrue(run.err().contains("it holds notes.txt, which the demo did not create"), run.err());
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
