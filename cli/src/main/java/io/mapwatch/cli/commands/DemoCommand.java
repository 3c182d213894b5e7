package io.mapwatch.cli.commands;

import io.mapwatch.cli.Bundled;
import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Rules;
import io.mapwatch.cli.findings.Thresholds;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.cli.render.Format;
import io.mapwatch.cli.views.SummaryView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs a bundled workload (random index reads, a forced journal, segment churn) under the agent"
                + " for about ten seconds, then shows the summary of its recording and writes its HTML report next to it.",
        footerHeading = "%nExample:%n",
        footer = "  mapwatch demo --seconds 10")
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "10", description = "How long the workload runs (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--dir", description = "Where to put the recording and the workload's files (default: a new temporary folder).")
    Path dir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 1 || seconds > 3600) {
            throw new CliException(ExitCode.USAGE, "--seconds must be between 1 and 3600");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("mapwatch-demo");
        Path data = Files.createDirectories(work.resolve("data"));
        Path recording = work.resolve("mapwatch-demo.jfr");
        Path agent = Bundled.extract(Bundled.AGENT_JAR, work);
        Path apps = Bundled.extract(Bundled.TEST_APPS_JAR, work);

        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-javaagent:" + agent + "=record=" + recording);
        command.add("-cp");
        command.add(apps.toString());
        command.add("io.mapwatch.testapps.DemoWorkload");
        command.add("--dir");
        command.add(data.toString());
        command.add("--seconds");
        command.add(Integer.toString(seconds));
        out.printf("Running a storage-engine workload for %d s under the mapwatch agent ...%n", seconds);
        out.flush();
        Process workload = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(workload.getInputStream().readAllBytes());
        int exit = workload.waitFor();
        if (exit != 0 || !Files.exists(recording)) {
            throw CliException.badInput("the demo workload failed (exit " + exit + "): " + output.strip());
        }
        deleteTree(data);

        RecordingAnalysis analysis = RecordingAnalysis.of(RecordingReader.scan(List.of(recording)), spec.commandLine().getErr());
        List<Finding> findings = Rules.evaluate(analysis, Thresholds.defaults());
        Format.text.render(SummaryView.of(analysis, findings), out);
        Path report = work.resolve("mapwatch-demo.html");
        ReportCommand.write(analysis, findings, report);
        out.printf("%nThe recording is %s; try: mapwatch faults %s%n", recording, recording);
        out.printf("The HTML report is %s%n", report);
        out.flush();
        return ExitCode.OK;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
