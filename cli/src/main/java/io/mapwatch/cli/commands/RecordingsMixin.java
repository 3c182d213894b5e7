package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.ChunkScan;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.cli.read.TimeWindow;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * The recordings a command reads (one, the consecutive (rotated) recordings of one JVM, or JFR's
 * repository folder), and the part of them it looks at ({@code --from}, {@code --to}).
 */
public final class RecordingsMixin {
    @Parameters(arity = "1..*", paramLabel = "REC.jfr",
            description = "A recording made with the mapwatch agent, or a folder of them such as JFR's repository;"
                    + " several are read as one, in the order of their start (the rotated files of one JVM).")
    List<Path> recordings;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Look at the recording from this time on: 2026-12-07T10:15:00Z, 2026-12-07 10:15 or 10:15"
                    + " (local time), or +10m (after its start) or -5m (before its end). Mappings made earlier still"
                    + " count as live.")
    String from;

    @Option(names = "--to", paramLabel = "TIME",
            description = "Look at the recording up to this time, written as for --from.")
    String to;

    /** Checks every input (exit 3 before any output) and the time window (exit 2), then reads them all in one pass. */
    public RecordingAnalysis analyse(CommandSpec spec) {
        List<ChunkScan> scans = RecordingReader.scan(recordings, spec.commandLine().getErr());
        return RecordingAnalysis.of(scans, window(scans), spec.commandLine().getErr());
    }

    /** The window {@code --from} and {@code --to} give over {@code scans}; null for all of them. */
    TimeWindow window(List<ChunkScan> scans) {
        if (from == null && to == null) {
            return null;
        }
        Instant start = scans.stream().map(ChunkScan::start).min(Comparator.naturalOrder()).orElseThrow();
        Instant end = scans.stream().map(ChunkScan::end).max(Comparator.naturalOrder()).orElseThrow();
        return TimeWindow.of(from, to, start, end, ZoneId.systemDefault());
    }
}
