package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Rules;
import io.mapwatch.cli.findings.Thresholds;
import io.mapwatch.cli.render.Document;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** A command that reads recordings in one pass, judges them with every rule and prints one document. */
abstract class RecordingCommand implements Callable<Integer> {
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
        RecordingAnalysis analysis = input.analyse(spec);
        List<Finding> results = Rules.evaluate(analysis, thresholds);
        output.print(document(analysis, results), spec);
        return findings.exitCode(results);
    }

    abstract Document document(RecordingAnalysis analysis, List<Finding> findings);
}
