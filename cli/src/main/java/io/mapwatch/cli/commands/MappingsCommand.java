package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.views.MappingsView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;

@Command(name = "mappings",
        mixinStandardHelpOptions = true,
        description = "Mapping lifecycle: allocation sites, lifetimes, mappings still live at the end, mappings freed"
                + " only by the GC, deleted files still mapped, failed maps and the map count over time.",
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch mappings app.jfr",
                "  mapwatch mappings --format json app.jfr | jq '.sites[0]'"})
public final class MappingsCommand extends RecordingCommand {
    @Mixin
    FormatMixin output;

    @Override
    void print(RecordingAnalysis analysis, List<Finding> findings) {
        output.print(MappingsView.of(analysis), spec);
    }
}
