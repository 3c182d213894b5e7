package io.mapwatch.agent.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent costs the application neither a JVM warning nor its class-data sharing: its bootstrap
 * classes are defined without appending to the boot class path, which would make the JVM print
 * "Sharing is only supported for boot loader classes because bootstrap classpath has been
 * appended" and load the application's classes from their jars instead of its CDS archive.
 */
class ClassDataSharingIT {
    private static final String MAIN_CLASS = "io.mapwatch.testapps.MapScenario";

    @Test
    void withSharingOnTheJvmPrintsNothingButTheAgentsOwnLines(@TempDir Path dir) throws Exception {
        ForkedJvm.Result run = scenario(dir).agent("log=info").jvmArg("-Xshare:auto").run().assertSucceeded();

        assertStartedAndAloneOnStderr(run);
    }

    @Test
    void anApplicationClassArchivedWithAppCdsStillLoadsFromTheArchive(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("app.jsa");
        scenario(dir).jvmArg("-XX:ArchiveClassesAtExit=" + archive).run().assertSucceeded();
        assertTrue(Files.size(archive) > 0, "the JVM wrote the dynamic archive " + archive);

        Path classLoading = dir.resolve("class-load.log");
        ForkedJvm.Result run = scenario(dir).agent("log=info")
                .jvmArg("-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + classLoading)
                .run().assertSucceeded();

        assertStartedAndAloneOnStderr(run);
        List<String> loads = Files.readAllLines(classLoading).stream()
                .filter(line -> line.contains(" " + MAIN_CLASS + " source: "))
                .collect(Collectors.toList());
        assertEquals(1, loads.size(), "one load of " + MAIN_CLASS + ": " + loads);
        assertTrue(loads.get(0).contains("source: shared objects file"), "loaded from the archive: " + loads.get(0));
    }

    private static ForkedJvm scenario(Path dir) {
        return ForkedJvm.workload("MapScenario", "--dir", dir.toString(), "--maps", "READ_ONLY:0:4096:4096");
    }

    private static void assertStartedAndAloneOnStderr(ForkedJvm.Result run) {
        List<String> lines = run.stderr.lines().collect(Collectors.toList());
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("[mapwatch] started with the JVM")), run.toString());
        assertEquals(List.of(), lines.stream().filter(line -> !line.startsWith("[mapwatch]")).collect(Collectors.toList()),
                "lines on stderr that are not the agent's");
    }
}
