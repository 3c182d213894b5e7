package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.Capacity;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Rules;
import io.mapwatch.cli.findings.Thresholds;
import io.mapwatch.cli.read.ChunkScan;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.cli.views.PlanView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = "Capacity: peak mapped vs resident vs page cache vs working set, the page cache needed to keep"
                + " stalls away, vm.max_map_count and cgroup headroom; per recording (each its own JVM) and, for"
                + " several, the largest (one JVM of a fleet) and the sum (all on one host).",
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch plan app.jfr",
                "  mapwatch plan --format csv node-*.jfr"})
public final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RecordingsMixin input;

    @Mixin
    FormatMixin output;

    @Mixin
    FindingsMixin findings;

    @Override
    public Integer call() {
        Thresholds thresholds = findings.thresholds();
        List<ChunkScan> scans = RecordingReader.scan(input.recordings);
        List<Capacity> capacities = new ArrayList<>();
        List<Finding> results = new ArrayList<>();
        for (ChunkScan scan : scans) {
            RecordingAnalysis analysis = RecordingAnalysis.of(List.of(scan), spec.commandLine().getErr());
            capacities.add(Capacity.of(scan.file().toString(), analysis));
            results.addAll(Rules.evaluate(analysis, thresholds));
        }
        output.print(PlanView.of(capacities), spec);
        return findings.exitCode(results);
    }
}
