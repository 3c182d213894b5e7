package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.render.CollapsedStacks;
import io.mapwatch.cli.render.Format;
import io.mapwatch.cli.views.FaultsView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

@Command(name = "faults",
        mixinStandardHelpOptions = true,
        description = "Blocking page faults: stall time and faults by thread, by Java stack (each stall joined with the"
                + " execution sample of its thread right after it) and by file with its hottest offset ranges, and how"
                + " much could be attributed. --format collapsed writes the stalled stacks for flame graphs.",
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch faults app.jfr",
                "  mapwatch faults --format csv app.jfr > faults.csv",
                "  mapwatch faults --format collapsed app.jfr | flamegraph.pl --countname ms > stalls.svg"})
public final class FaultsCommand extends RecordingCommand {
    /** The formats of faults: those of every command, and the stalled stacks for flame graphs. */
    enum FaultsFormat {
        text, json, csv,
        /** The stalled stacks, frames root first, each with its stall time in whole milliseconds. */
        collapsed {
            @Override
            void print(RecordingAnalysis analysis, CommandSpec spec) {
                List<CollapsedStacks.Weighted> stacks = FaultsView.stalledStacks(analysis).stream()
                        .map(s -> new CollapsedStacks.Weighted(s.frames(), Math.round(s.stalls().nanos() / 1e6))).toList();
                CollapsedStacks.write(stacks, spec.commandLine().getOut());
                if (stacks.stream().noneMatch(s -> s.weight() > 0)) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("mapwatch: no stalled stack to write: " + FaultsView.whyNoStalledStack(analysis));
                    err.flush();
                }
            }
        };

        void print(RecordingAnalysis analysis, CommandSpec spec) {
            Format.valueOf(name()).render(FaultsView.of(analysis), spec.commandLine().getOut());
        }
    }

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); collapsed writes one"
                    + " line per stalled stack, frames root first, and its stall time in milliseconds.")
    FaultsFormat format;

    @Override
    void print(RecordingAnalysis analysis, List<Finding> findings) {
        format.print(analysis, spec);
    }
}
