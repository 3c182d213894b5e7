package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.views.SummaryView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

@Command(name = "summary",
        mixinStandardHelpOptions = true,
        description = "Mappings by file (maps, unmaps, peak mapped and resident bytes, page cache, major faults and"
                + " stall time tied to the file), untracked mappings, totals, hazards and findings.",
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch summary app.jfr",
                "  mapwatch summary --format json --fail-on warning app-1.jfr app-2.jfr"})
public final class SummaryCommand extends RecordingCommand {
    @Mixin
    FormatMixin output;

    @Override
    void print(RecordingAnalysis analysis, List<Finding> findings) {
        output.print(SummaryView.of(analysis, findings), spec);
    }
}
