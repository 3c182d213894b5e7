package io.mapwatch.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the read-ahead of the disk under a file for the length of a test, so that random reads
 * fault page by page rather than 8 MiB at a time; put back on close, or by its {@link SystemSetting}
 * watchdog when the test JVM is killed. Needs root: without it the disk keeps its read-ahead and the
 * tests still hold (with fewer, longer faults).
 */
final class ReadAhead implements AutoCloseable {
    private final SystemSetting lowered;

    private ReadAhead(SystemSetting lowered) {
        this.lowered = lowered;
    }

    static ReadAhead lowered(Path file, int kilobytes) throws IOException, InterruptedException {
        Path setting = settingFor(file);
        if (setting == null || !Files.isWritable(setting) || !"root".equals(System.getProperty("user.name"))) {
            return new ReadAhead(null);
        }
        return new ReadAhead(SystemSetting.changed(setting, Integer.toString(kilobytes)));
    }

    @Override
    public void close() throws IOException {
        if (lowered != null) {
            lowered.close();
        }
    }

    /** The {@code read_ahead_kb} of the disk that holds {@code file}; null when it is on none. */
    static Path settingFor(Path file) throws IOException, InterruptedException {
        Process findmnt = new ProcessBuilder("findmnt", "-n", "-o", "SOURCE", "--target", file.toString()).start();
        String source = new String(findmnt.getInputStream().readAllBytes()).trim();
        if (!findmnt.waitFor(1, TimeUnit.MINUTES) || !source.startsWith("/dev/")) {
            return null;
        }
        String device = Paths.get(source).toRealPath().getFileName().toString();
        Path own = Paths.get("/sys/class/block", device, "queue", "read_ahead_kb");
        Path parent = Paths.get("/sys/class/block", device, "..", "queue", "read_ahead_kb");
        return Files.exists(own) ? own : Files.exists(parent) ? parent : null;
    }
}
