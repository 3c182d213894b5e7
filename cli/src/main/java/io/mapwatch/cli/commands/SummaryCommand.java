package io.mapwatch.cli.commands;

import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.analysis.FileLifecycle;
import io.mapwatch.cli.read.RecordingInfo;
import io.mapwatch.cli.read.RecordingReader;
import io.mapwatch.cli.render.TextTable;
import io.mapwatch.cli.render.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "summary",
        mixinStandardHelpOptions = true,
        description = "Mappings by file in a recording: maps, unmaps, peak mapped bytes, force count and time.",
        footerHeading = "%nExample:%n",
        footer = "  mapwatch summary app.jfr")
public final class SummaryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REC.jfr", description = "A recording made with the mapwatch agent.")
    Path recording;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        FileLifecycle files = new FileLifecycle();
        RecordingInfo info = RecordingReader.read(recording, files, spec.commandLine().getErr());
        print(out, info, files);
        return ExitCode.OK;
    }

    static void print(PrintWriter out, RecordingInfo info, FileLifecycle files) {
        out.printf("Recording %s: %s to %s (%d s)%n", info.file(), info.start(), info.end(), info.duration().toSeconds());
        if (info.mapwatchEvents() == 0) {
            out.println("No mapwatch events: this recording was made without the mapwatch agent"
                    + " (add -javaagent:mapwatch-agent.jar=record=FILE).");
            out.flush();
            return;
        }
        TextTable table = new TextTable("FILE", "MAPS", "UNMAPS", "PEAK MAPPED", "LIVE AT END", "FORCES", "FORCE TIME", "FORCE MAX");
        for (FileLifecycle.Stats s : files.files()) {
            table.row(s.path, Long.toString(s.maps), Long.toString(s.unmaps), Units.bytes(s.peakMappedBytes),
                    Units.bytes(s.liveBytes), Long.toString(s.forces), Units.nanos(s.forceNanos),
                    s.forces == 0 ? "-" : Units.nanos(s.forceMaxNanos));
        }
        out.println();
        table.print(out, 160);
        out.println();
        out.printf("Peak mapped (all files at once): %s; still mapped at the end: %s in %d mappings%n",
                Units.bytes(files.peakMappedBytes()), Units.bytes(files.liveAtEndBytes()), files.liveAtEndCount());
        out.flush();
    }
}
