package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Rules;
import io.mapwatch.cli.findings.Thresholds;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/** A command that reads recordings in one pass, judges them with every rule and prints its answer. */
abstract class RecordingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RecordingsMixin input;

    @Mixin
    FindingsMixin findings;

    @Override
    public Integer call() {
        Thresholds thresholds = findings.thresholds();
        RecordingAnalysis analysis = input.analyse(spec);
        List<Finding> results = Rules.evaluate(analysis, thresholds);
        print(analysis, results);
        return findings.exitCode(results);
    }

    /** Prints the answer for {@code analysis} in the format the user asked for. */
    abstract void print(RecordingAnalysis analysis, List<Finding> findings);
}
