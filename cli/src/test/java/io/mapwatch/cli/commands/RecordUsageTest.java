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

    /** What the agent would print as {@code [mapwatch] SENTENCE} and then ignore is exit 2 with that sentence. */
    @Test
    void optionsTheAgentWouldNotTakeAreRejectedWithTheAgentsSentence() {
        assertUsage(CliRun.of("record", "--agent-options", "log=info,bogus=1", "4242"),
                "--agent-options: unknown option 'bogus' ignored (known: record, maxage, maxsize, sample, residency, smaps,"
                        + " workingset, stalls, exact, access, redact, log, help)");
        assertUsage(CliRun.of("record", "--agent-options", "sample=0s", "4242"),
                "--agent-options: bad value '0s' for sample: a period must be longer than zero (use off to disable);"
                        + " keeping the default sample=1s");
        assertUsage(CliRun.of("record", "--agent-options", "log=loud", "4242"),
                "--agent-options: bad value 'loud' for log: expected off, error, warn, info or debug; keeping the default"
                        + " log=warn");
        assertUsage(CliRun.of("record", "--agent-options", "stalls", "4242"),
                "--agent-options: option stalls needs a value, as in stalls=20ms; keeping its default");
        assertUsage(CliRun.of("record", "--agent-options", "maxage=1h", "4242"),
                "--agent-options: maxage and maxsize limit the recording of record=, and no recording was asked for; ignored");
    }

    /** Options the agent takes pass: what fails next is the PID. */
    @Test
    void goodAgentOptionsPassOn() {
        CliRun run = CliRun.of("record", "--agent-options", " Sample = 500ms,stalls=off,log=DEBUG,redact=paths,help", "4242");
        assertEquals(ExitCode.BAD_INPUT, run.exitCode(), run.toString());
        assertEquals("mapwatch: no process with id 4242", run.err().strip(), "the options passed, the PID did not");
    }

    private static void assertUsage(CliRun run, String sentence) {
        assertEquals(ExitCode.USAGE, run.exitCode(), run.toString());
        assertEquals("mapwatch: " + sentence + "\nTry 'mapwatch record --help'.", run.err().strip(), run.toString());
    }
}
