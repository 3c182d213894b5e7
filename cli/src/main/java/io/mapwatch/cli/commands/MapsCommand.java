package io.mapwatch.cli.commands;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;
import io.mapwatch.cli.analysis.FileMappings;
import io.mapwatch.cli.views.MapsView;
import io.mapwatch.kernel.procfs.Smaps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "maps",
        mixinStandardHelpOptions = true,
        description = "The file mappings of any live process now, from /proc/PID/smaps, grouped by file: size, Rss, Pss,"
                + " dirty and swap. No agent needed; any process, Java or not.",
        footerHeading = "%nExamples:%n",
        footer = {"  mapwatch maps $(pgrep -f elasticsearch)",
                "  mapwatch maps --format csv 4242 > maps.csv"})
public final class MapsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "The process to look at.")
    long pid;

    @Mixin
    FormatMixin output;

    @Override
    public Integer call() {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (pid <= 0 || !Files.isDirectory(proc)) {
            throw CliException.badInput("no process with id " + pid);
        }
        FileMappings mappings = new FileMappings();
        try {
            Smaps.forEach(proc.resolve("smaps"), mappings);
        } catch (AccessDeniedException e) {
            throw CliException.badInput("cannot read " + proc.resolve("smaps") + ": permission denied (run as the"
                    + " process's user or as root)");
        } catch (IOException e) {
            throw CliException.badInput("cannot read " + proc.resolve("smaps") + ": " + e.getMessage());
        }
        output.print(MapsView.of(pid, command(proc), mappings), spec);
        return ExitCode.OK;
    }

    /** The process's command line, or its name when that cannot be read. */
    private static String command(Path proc) {
        try {
            String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ').strip();
            return cmdline.isEmpty() ? Files.readString(proc.resolve("comm")).strip() : cmdline;
        } catch (IOException e) {
            return null;
        }
    }
}
