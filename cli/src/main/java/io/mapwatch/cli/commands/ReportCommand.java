package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.render.HtmlReport;
import io.mapwatch.cli.views.ReportView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = "Writes one self-contained HTML page (no network needed): mapped vs resident over time, faults and"
                + " stalls over time, the biggest files, what mappings and plan show, the top blocking stacks with a"
                + " flame graph of the stacks that stalled, and the findings; every table sorts by a click on a header.",
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch report app.jfr -o app.html",
                "  mapwatch report --fail-on warning app.jfr -o build/mapwatch.html"})
public final class ReportCommand extends RecordingCommand {
    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.html", description = "The page to write.")
    Path output;

    @Override
    void print(RecordingAnalysis analysis, List<Finding> findings) {
        write(analysis, findings, output);
        spec.commandLine().getOut().println(output);
        spec.commandLine().getOut().flush();
    }

    /** Writes the report page of {@code analysis} to {@code page}. */
    static void write(RecordingAnalysis analysis, List<Finding> findings, Path page) {
        try {
            Files.writeString(page, HtmlReport.of(ReportView.of(analysis, findings)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.BAD_INPUT, "cannot write " + page + ": " + e.getMessage());
        }
    }
}
