package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.Capacity;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Rules;
import io.mapwatch.cli.findings.Thresholds;
import io.mapwatch.cli.read.ChunkScan;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.cli.read.TimeWindow;
import io.mapwatch.cli.views.PlanView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<Path, List<ChunkScan>> recordings = new LinkedHashMap<>();
        for (Path recording : input.recordings) {
            recordings.put(recording, RecordingReader.scan(recording, spec.commandLine().getErr()));
        }
        Map<Path, TimeWindow> windows = new LinkedHashMap<>();
        recordings.forEach((recording, scans) -> windows.put(recording, input.window(scans)));
        List<Capacity> capacities = new ArrayList<>();
        List<Finding> results = new ArrayList<>();
        for (Map.Entry<Path, List<ChunkScan>> recording : recordings.entrySet()) {
            RecordingAnalysis analysis = RecordingAnalysis.of(recording.getValue(), windows.get(recording.getKey()),
                    spec.commandLine().getErr());
            capacities.add(Capacity.of(recording.getKey().toString(), analysis));
            results.addAll(Rules.evaluate(analysis, thresholds));
        }
        output.print(PlanView.of(capacities), spec);
        return findings.exitCode(results);
    }
}
