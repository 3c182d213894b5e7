package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliRun;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.MapwatchCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    /** A command that fails the way a bug does, run through the real parser and its exception handler. */
    @CommandLine.Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug in a command");
        }
    }

    @Test
    void anInternalErrorExitsFourWithOneLineNamingTheFileWithItsDetails() throws Exception {
        CommandLine cli = MapwatchCli.commandLine().addSubcommand(new Broken());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));

        int exit = cli.execute("broken");

        assertEquals(ExitCode.INTERNAL, exit, err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
        Matcher file = Pattern.compile("^mapwatch: internal error \\(java.lang.IllegalStateException: a bug in a command\\);"
                + " the details are in (\\S+), please report them$").matcher(err.toString().strip());
        assertTrue(file.matches(), err.toString());
        Path details = Path.of(file.group(1));
        try {
            String text = Files.readString(details);
            assertTrue(text.startsWith("mapwatch broken\n"), text);
            assertTrue(text.contains("at " + Broken.class.getName() + ".call("), "the stack trace: " + text);
        } finally {
            Files.deleteIfExists(details);
        }
    }

    @Test
    void completionIsPicoclisBashScript() {
        CliRun run = CliRun.of("completion");
        assertEquals(ExitCode.OK, run.exitCode());
        assertTrue(run.out().contains("complete -F _complete_mapwatch") && run.out().contains("summary"), run.out());
    }
}
