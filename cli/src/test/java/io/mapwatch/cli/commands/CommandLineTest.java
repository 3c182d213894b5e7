package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.MapwatchCli;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {
    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String command : MapwatchCli.commandLine().getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            CliRun run = CliRun.of(command, "--help");
            assertEquals(ExitCode.OK, run.exitCode(), command + ": " + run);
            assertTrue(run.out().contains("Example") && run.out().contains("mapwatch " + command), command + ": " + run.out());
        }
    }

    @Test
    void tablePrintingCommandsTakeFormatAndFailOn() {
        for (String command : new String[]{"summary", "faults", "mappings", "plan"}) {
            String help = CliRun.of(command, "--help").out();
            assertTrue(help.contains("--format=FORMAT") && help.contains("text, json, csv"), command + ": " + help);
            assertTrue(help.contains("--fail-on=LEVEL"), command + ": " + help);
        }
    }

    @Test
    void usageErrorsExitTwoWithAHint() {
        CliRun noFile = CliRun.of("summary");
        assertEquals(ExitCode.USAGE, noFile.exitCode(), noFile.toString());
        assertTrue(noFile.err().contains("Try 'mapwatch summary --help'"), noFile.toString());
        CliRun badFormat = CliRun.of("summary", "--format", "xml", "a.jfr");
        assertEquals(ExitCode.USAGE, badFormat.exitCode(), badFormat.toString());
        CliRun badThreshold = CliRun.of("summary", "--threshold", "nope.x=1", "a.jfr");
        assertEquals(ExitCode.USAGE, badThreshold.exitCode(), badThreshold.toString());
    }

    @Test
    void completionIsPicoclisBashScript() {
        CliRun run = CliRun.of("completion");
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.out().contains("complete -F _complete_mapwatch") && run.out().contains("summary"), run.out());
    }
}
