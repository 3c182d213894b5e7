package io.mapwatch.cli.commands;

import io.mapwatch.cli.analysis.RecordingAnalysis;
import io.mapwatch.cli.read.ChunkScan;
import io.mapwatch.cli.read.RecordingReader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** The recordings a command reads: one, or the consecutive (rotated) recordings of one JVM. */
public final class RecordingsMixin {
    @Parameters(arity = "1..*", paramLabel = "REC.jfr",
            description = "A recording made with the mapwatch agent; several are read as one, in the order of their start"
                    + " (the rotated files of one JVM).")
    List<Path> recordings;

    /** Checks every file (exit 3 before any output), then reads them all in one pass. */
    public RecordingAnalysis analyse(CommandSpec spec) {
        List<ChunkScan> scans = RecordingReader.scan(recordings);
        return RecordingAnalysis.of(scans, spec.commandLine().getErr());
    }
}
