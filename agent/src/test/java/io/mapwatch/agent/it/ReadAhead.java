package io.mapwatch.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Lowers the read-ahead of the disk under a file for the length of a test, so that random reads
 * fault page by page rather than 8 MiB at a time; restored on close. Needs root: without it the
 * disk keeps its read-ahead and the tests still hold (with fewer, longer faults).
 */
final class ReadAhead implements AutoCloseable {
    private final Path setting;
    private final String previous;

    private ReadAhead(Path setting, String previous) {
        this.setting = setting;
        this.previous = previous;
    }

    static ReadAhead lowered(Path file, int kilobytes) throws IOException, InterruptedException {
        Path setting = settingFor(file);
        if (setting == null || !Files.isWritable(setting) || !"root".equals(System.getProperty("user.name"))) {
            return new ReadAhead(null, null);
        }
        String previous = Files.readAllLines(setting).get(0).trim();
        Files.writeString(setting, Integer.toString(kilobytes));
        return new ReadAhead(setting, previous);
    }

    @Override
    public void close() throws IOException {
        if (setting != null) {
            Files.writeString(setting, previous);
        }
    }

    private static Path settingFor(Path file) throws IOException, InterruptedException {
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
