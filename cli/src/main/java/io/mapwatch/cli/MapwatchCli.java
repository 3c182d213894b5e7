package io.mapwatch.cli;

import io.mapwatch.cli.commands.CompletionCommand;
import io.mapwatch.cli.commands.DemoCommand;
import io.mapwatch.cli.commands.FaultsCommand;
import io.mapwatch.cli.commands.MappingsCommand;
import io.mapwatch.cli.commands.MapsCommand;
import io.mapwatch.cli.commands.PlanCommand;
import io.mapwatch.cli.commands.RecordCommand;
import io.mapwatch.cli.commands.ReportCommand;
import io.mapwatch.cli.commands.SummaryCommand;
import io.mapwatch.cli.commands.TopCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The top-level command; {@link #commandLine()} builds the parser for main and for tests alike. */
@Command(name = "mapwatch",
        mixinStandardHelpOptions = true,
        versionProvider = MapwatchCli.Version.class,
        description = "Answers about memory-mapped files on the JVM, from recordings of the mapwatch agent and from live processes.",
        subcommands = {SummaryCommand.class, FaultsCommand.class, MappingsCommand.class, PlanCommand.class,
                ReportCommand.class, MapsCommand.class, RecordCommand.class, TopCommand.class, DemoCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok",
                "1:a finding at or above --fail-on",
                "2:usage error",
                "3:the input cannot be used (missing, unreadable, not a recording, no such process, not a JVM, attach refused)",
                "4:an internal error (a bug): stderr says where its details were written"})
public final class MapwatchCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed, such as summary or demo");
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MapwatchCli());
        cli.setExecutionExceptionHandler(MapwatchCli::onException);
        cli.setParameterExceptionHandler(MapwatchCli::onUsageError);
        cli.setExitCodeExceptionMapper(t -> t instanceof CliException ? ((CliException) t).exitCode() : ExitCode.INTERNAL);
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static int onException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (e instanceof CliException) {
            err.println("mapwatch: " + e.getMessage());
            err.flush();
            return ((CliException) e).exitCode();
        }
        err.println("mapwatch: internal error (" + e + "); the details are in " + InternalError.writeDetails(e, parsed.originalArgs())
                + ", please report them");
        err.flush();
        return ExitCode.INTERNAL;
    }

    private static int onUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("mapwatch: " + e.getMessage());
        err.println("Try 'mapwatch " + (cli.getCommandSpec().qualifiedName().replaceFirst("^mapwatch ?", "") + " --help").trim() + "'.");
        err.flush();
        return ExitCode.USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MapwatchCli.class.getPackage().getImplementationVersion();
            return new String[]{"mapwatch " + (version == null ? "(development build)" : version)};
        }
    }
}
