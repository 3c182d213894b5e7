package io.mapwatch.cli.live;

import io.mapwatch.cli.analysis.FileMappings;
import io.mapwatch.cli.analysis.OwnFiles;
import io.mapwatch.kernel.procfs.Smaps;
import io.mapwatch.kernel.procfs.TaskStat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code /proc} shows of a live process at one moment, read with the kernel module's readers:
 * its file mappings by file (smaps, as {@code maps} reads them; JFR's and mapwatch's own files left
 * out), its mapping count (every line of its maps), and the fault counters of the process and of
 * each of its threads.
 *
 * @param time       when the fault counters were read (after smaps, which takes longer)
 * @param nanoTime   {@link System#nanoTime()} at that moment
 * @param mapCount   every mapping of the process, anonymous ones included: what {@code vm.max_map_count} limits
 * @param process    the process's own counters ({@code /proc/PID/stat}: exited threads included)
 * @param threads    each live thread's counters by thread id
 */
public record ProcessSample(Instant time, long nanoTime, FileMappings files, long mapCount, TaskStat process,
                            Map<Long, TaskStat> threads) {

    /** Reads {@code /proc/PID}; an {@link IOException} when the process is gone or may not be read. */
    public static ProcessSample read(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        FileMappings files = new FileMappings();
        long[] mappings = new long[1];
        Smaps.forEach(proc.resolve("smaps"), entry -> {
            mappings[0]++;
            if (!OwnFiles.isOwn(entry.mapping().path())) {
                files.accept(entry);
            }
        });
        Instant time = Instant.now();
        long now = System.nanoTime();
        // The threads first: the process's counters, read a moment later, hold all they counted.
        Map<Long, TaskStat> threads = threads(proc.resolve("task"));
        TaskStat process = stat(proc.resolve("stat"));
        if (process == null) {
            throw new IOException(proc.resolve("stat") + " cannot be read");
        }
        return new ProcessSample(time, now, files, mappings[0], process, threads);
    }

    private static Map<Long, TaskStat> threads(Path tasks) throws IOException {
        Map<Long, TaskStat> threads = new HashMap<>();
        try (DirectoryStream<Path> ids = Files.newDirectoryStream(tasks)) {
            for (Path task : ids) {
                try {
                    TaskStat thread = stat(task.resolve("stat"));
                    if (thread != null) {
                        threads.put(thread.pid(), thread);
                    }
                } catch (IOException endedMeanwhile) {
                    // its faults are still in the process's counters
                }
            }
        }
        return threads;
    }

    private static TaskStat stat(Path file) throws IOException {
        return TaskStat.parse(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
    }
}
