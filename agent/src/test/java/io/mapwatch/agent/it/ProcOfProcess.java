package io.mapwatch.agent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the test itself reads of another process's /proc/PID files, with its own few lines of
 * parsing (not the agent's parsers: the point is an independent reading of the kernel's figures).
 */
final class ProcOfProcess {
    private ProcOfProcess() {
    }

    /** Sum of Rss over the mappings of {@code file} in process {@code pid}, in bytes. */
    static long rssOf(long pid, Path file) throws IOException {
        return smapsSum(pid, file, "Rss:");
    }

    /** Sum of Referenced over the mappings of {@code file} in process {@code pid}, in bytes. */
    static long referencedOf(long pid, Path file) throws IOException {
        return smapsSum(pid, file, "Referenced:");
    }

    private static long smapsSum(long pid, Path file, String key) throws IOException {
        List<String> lines = Files.readAllLines(Paths.get("/proc/" + pid + "/smaps"));
        String path = file.toAbsolutePath().toString();
        long sum = 0;
        boolean inside = false;
        for (String line : lines) {
            if (line.matches("^[0-9a-f]+-[0-9a-f]+ .*")) {
                inside = line.endsWith(" " + path);
            } else if (inside && line.startsWith(key)) {
                sum += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return sum;
    }

    /** The lines of /proc/PID/maps, one per mapping. */
    static List<String> maps(long pid) throws IOException {
        return Files.readAllLines(Paths.get("/proc/" + pid + "/maps"));
    }

    /** The lowest start address of the mapping of each file under {@code dir}, by path. */
    static Map<String, Long> fileMappingStarts(long pid, Path dir) throws IOException {
        Map<String, Long> starts = new TreeMap<>();
        String prefix = dir.toAbsolutePath() + "/";
        for (String line : maps(pid)) {
            String[] fields = line.trim().split("\\s+", 6);
            if (fields.length == 6 && fields[5].startsWith(prefix)) {
                long start = Long.parseUnsignedLong(fields[0].substring(0, fields[0].indexOf('-')), 16);
                starts.merge(fields[5], start, Math::min);
            }
        }
        return starts;
    }

    /** Lines of maps whose path is a file: the sixth field starts with a slash. */
    static long fileMappings(List<String> maps) {
        return maps.stream().filter(line -> {
            String[] fields = line.trim().split("\\s+", 6);
            return fields.length == 6 && fields[5].startsWith("/");
        }).count();
    }

    /** The process's minor and major page faults since it started, from /proc/PID/stat. */
    static Faults faults(long pid) throws IOException {
        String stat = Files.readString(Paths.get("/proc/" + pid + "/stat"));
        // after "pid (comm) ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return new Faults(Long.parseLong(fields[7]), Long.parseLong(fields[9]));
    }

    /** vm.max_map_count. Read whole in one read: a sysctl file answers a read past offset 0 with nothing. */
    static long maxMapCount() throws IOException {
        return Long.parseLong(Files.readAllLines(Paths.get("/proc/sys/vm/max_map_count")).get(0).trim());
    }

    /** Page-fault counts. */
    static final class Faults {
        final long minor;
        final long major;

        Faults(long minor, long major) {
            this.minor = minor;
            this.major = major;
        }

        @Override
        public String toString() {
            return "minor " + minor + ", major " + major;
        }
    }
}
