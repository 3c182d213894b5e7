package io.mapwatch.cli.commands;

import io.mapwatch.cli.Bundled;
import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.Terminal;
import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.findings.Finding;
import io.mapwatch.cli.findings.Rules;
import io.mapwatch.cli.findings.Thresholds;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.cli.render.Format;
import io.mapwatch.cli.render.Layout;
import io.mapwatch.cli.views.SummaryView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs a bundled workload (random index reads, a forced journal, segment churn, and a thread reading"
                + " a file evicted from the page cache) under the agent for about ten seconds, then shows the summary of"
                + " its recording. With --dir or --keep it keeps the"
                + " recording and writes its HTML report next to it.",
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch demo --seconds 10", "  mapwatch demo --dir mapwatch-demo"})
public final class DemoCommand implements Callable<Integer> {
    /** Marks a folder as the demo's own, so that a later demo may use it again. */
    static final String MARKER = ".mapwatch-demo";
    private static final String DATA = "data";
    private static final String RECORDING = "mapwatch-demo.jfr";
    private static final String REPORT = "mapwatch-demo.html";
    /** Everything the demo writes into its folder. */
    private static final Set<String> DEMO_FILES = Set.of(MARKER, DATA, RECORDING, REPORT, Bundled.AGENT_JAR,
            Bundled.TEST_APPS_JAR);

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "10", description = "How long the workload runs (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to put the recording, the report and the workload's"
            + " files, and keep them: a new or empty folder, or one an earlier demo made. Default: a new temporary"
            + " folder, removed at the end unless --keep is given.")
    Path dir;

    @Option(names = "--keep", description = "Keep the temporary folder, with the recording and the report.")
    boolean keep;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (seconds < 1 || seconds > 3600) {
            throw new CliException(ExitCode.USAGE, "--seconds must be between 1 and 3600");
        }
        boolean kept = dir != null || keep;
        Path work = dir != null ? claim(dir) : Files.createTempDirectory("mapwatch-demo");
        try {
            run(work, kept);
        } finally {
            deleteTree(work.resolve(DATA));
            if (!kept) {
                deleteTree(work);
            }
        }
        return ExitCode.OK;
    }

    private void run(Path work, boolean kept) throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path data = Files.createDirectories(work.resolve(DATA));
        Path recording = work.resolve(RECORDING);
        Path agent = Bundled.extract(Bundled.AGENT_JAR, work);
        Path apps = Bundled.extract(Bundled.TEST_APPS_JAR, work);

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
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

        RecordingAnalysis analysis = RecordingAnalysis.of(RecordingReader.scan(List.of(recording), spec.commandLine().getErr()), spec.commandLine().getErr());
        List<Finding> findings = Rules.evaluate(analysis, Thresholds.defaults());
        Format.text.render(SummaryView.of(analysis, findings), new Layout(Terminal.width(), null), out);
        if (kept) {
            Path report = work.resolve(REPORT);
            ReportCommand.write(analysis, findings, report);
            out.printf("%nThe recording is %s; try: mapwatch faults %s%n", recording, recording);
            out.printf("The HTML report is %s%n", report);
        } else {
            out.printf("%nThe recording was in a temporary folder, now removed: run with --keep (or --dir DIR) to keep"
                    + " it and its HTML report.%n");
        }
        out.flush();
    }

    /**
     * {@code folder} for the demo to write into: created if it does not exist, used if it is empty or
     * holds only what an earlier demo wrote there, and otherwise refused (exit 3), so that the demo
     * never overwrites or deletes a file it did not make.
     */
    static Path claim(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw CliException.badInput("demo will not use " + folder + ": it is not a folder");
        }
        Files.createDirectories(folder);
        List<String> names;
        try (Stream<Path> entries = Files.list(folder)) {
            names = entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
        String foreign = names.stream().filter(n -> !names.contains(MARKER) || !DEMO_FILES.contains(n)).findFirst()
                .orElse(null);
        if (foreign != null) {
            throw CliException.badInput("demo will not use " + folder + ": it holds " + foreign + ", which the demo did"
                    + " not create; give a new or empty folder");
        }
        Files.writeString(folder.resolve(MARKER), "Made by mapwatch demo, which may write into this folder again.\n");
        return folder;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
