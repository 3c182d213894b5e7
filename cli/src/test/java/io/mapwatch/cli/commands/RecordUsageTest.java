package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** record's usage errors: exit 2 with the sentence and the hint, before anything touches a process. */
class RecordUsageTest {
    @Test
    void aPidIsNeededUnlessListing() {
        assertUsage(CliRun.of("record"), "a PID is needed (--list shows the JVMs that can be recorded)");
        assertUsage(CliRun.of("record", "--list", "4242"), "--list takes no PID");
        assertEquals(ExitCode.USAGE, CliRun.of("record", "not-a-pid").exitCode());
    }

    @Test
    void durationsAreWrittenLikeTheAgentsPeriods() {
        RecordCommand.DurationConverter converter = new RecordCommand.DurationConverter();
        assertEquals(Duration.ofMillis(500), converter.convert("500ms"));
        assertEquals(Duration.ofSeconds(10), converter.convert("10s"));
        assertEquals(Duration.ofMinutes(2), converter.convert("2m"));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        for (String bad : new String[]{"10", "0s", "off", "-1s", "soon"}) {
            assertThrows(TypeConversionException.class, () -> converter.convert(bad), bad);
            CliRun run = CliRun.of("record", "--duration", bad, "4242");
            assertUsage(run, "Invalid value for option '--duration': expected a duration above zero such as 500ms, 10s,"
                    + " 2m or 1h");
        }
    }

    @Test
    void agentOptionsCannotHoldARecording() {
        for (String options : new String[]{"record=x.jfr", "log=info, Record = /tmp/a\\,b.jfr"}) {
            assertUsage(CliRun.of("record", "--agent-options", options, "4242"),
                    "--agent-options cannot hold record=: this command makes the recording");
        }
    }

    /** The agent judges its own options (RecordIT sees it report one); the CLI only passes them on. */
    @Test
    void otherAgentOptionsAreTheAgentsToJudge() {
        CliRun unknown = CliRun.of("record", "--agent-options", "bogus=1,log=info\\,record=x", "4242");
        assertEquals(ExitCode.BAD_INPUT, unknown.exitCode(), unknown.toString());
        assertEquals("mapwatch: no process with id 4242", unknown.err().strip(), "the options passed, the PID did not");
    }

    private static void assertUsage(CliRun run, String sentence) {
        assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
        assertEquals("mapwatch: " + sentence + "\nTry 'mapwatch record --help'.", run.err().strip(), run.toString());
    }
}
