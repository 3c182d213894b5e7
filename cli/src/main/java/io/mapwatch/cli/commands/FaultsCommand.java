package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.views.FaultsView;
import picocli.CommandLine.Command;

import java.util.List;

@Command(name = "faults",
        mixinStandardHelpOptions = true,
        description = "Blocking page faults: stall time and faults by thread, by Java stack (each stall joined with the"
                + " execution sample of its thread right after it) and by file, and how much could be attributed.",
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch faults app.jfr",
                "  mapwatch faults --format csv app.jfr > faults.csv"})
public final class FaultsCommand extends RecordingCommand {
    @Override
    Document document(RecordingAnalysis analysis, List<Finding> findings) {
        return FaultsView.of(analysis);
    }
}
