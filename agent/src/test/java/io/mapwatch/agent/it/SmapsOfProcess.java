package io.mapwatch.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * What the test itself reads of another process's /proc/PID/smaps, with its own few lines of
 * parsing (not the agent's parser: the point is an independent reading of the kernel's figures).
 */
final class SmapsOfProcess {
    private SmapsOfProcess() {
    }

    /** Sum of Rss over the mappings of {@code file} in process {@code pid}, in bytes. */
    static long rssOf(long pid, Path file) throws IOException {
        List<String> lines = Files.readAllLines(Paths.get("/proc/" + pid + "/smaps"));
        String path = file.toAbsolutePath().toString();
        long rss = 0;
        boolean inside = false;
        for (String line : lines) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inside = line.endsWith(" " + path);
            } else if (inside && line.startsWith("Rss:")) {
                rss += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return rss;
    }
}
