package io.mapwatch.kernel.procfs;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Finds the directory of a process's memory cgroup from its /proc/PID/cgroup and /proc/PID/mountinfo.
 * A cgroup v1 memory controller wins over the v2 hierarchy, because on a hybrid host (v1 controllers plus a
 * cgroup2 mount without the memory controller) the memory figures live in v1.
 *
 * @param version 1 or 2
 * @param directory the cgroup's directory, holding {@code memory.limit_in_bytes} (v1) or {@code memory.max} (v2)
 */
public record CgroupLocation(int version, Path directory) {

    /** The memory cgroup of the process whose /proc directory this is (e.g. {@code /proc/self}), or null if none. */
    public static CgroupLocation read(Path procDir) throws IOException {
        ProcText cgroup = new ProcText().read(procDir.resolve("cgroup"));
        ProcText mountinfo = new ProcText().read(procDir.resolve("mountinfo"));
        return locate(cgroup, mountinfo);
    }

    /**
     * The memory cgroup named by a /proc/PID/cgroup text, under its mount point in a /proc/PID/mountinfo text;
     * null if the process is in no memory cgroup or its hierarchy is not mounted.
     * <p>
     * The cgroup path is made relative to the mount's root: in a container without a cgroup namespace the
     * process's cgroup {@code /docker/abc} is mounted with root {@code /docker/abc} at {@code /sys/fs/cgroup/memory},
     * which is then its directory. A path outside the mount's root (a namespace that does not match the mount)
     * resolves to the mount point itself, which inside a container is the container's own cgroup.
     */
    public static CgroupLocation locate(CharSequence cgroupText, CharSequence mountinfoText) {
        String v1Path = null;
        String v2Path = null;
        for (String line : utf8(cgroupText).split("\n")) {
            String[] fields = line.split(":", 3);
            if (fields.length < 3 || fields[2].isEmpty()) {
                continue;
            }
            if (fields[0].equals("0") && fields[1].isEmpty()) {
                v2Path = fields[2];
            } else if (hasToken(fields[1], "memory")) {
                v1Path = fields[2];
            }
        }
        if (v1Path != null) {
            Path directory = directory(mountinfoText, "cgroup", v1Path);
            if (directory != null) {
                return new CgroupLocation(1, directory);
            }
        }
        if (v2Path != null) {
            Path directory = directory(mountinfoText, "cgroup2", v2Path);
            if (directory != null) {
                return new CgroupLocation(2, directory);
            }
        }
        return null;
    }

    /**
     * The directory of {@code cgroupPath} under a mount of {@code fsType} (for v1, one with the memory
     * controller): preferably a mount whose root holds the path, else the first such mount point.
     */
    private static Path directory(CharSequence mountinfoText, String fsType, String cgroupPath) {
        Path fallback = null;
        for (String line : utf8(mountinfoText).split("\n")) {
            // id parent major:minor root mount-point options [optional fields...] - fstype source super-options
            String[] fields = line.split(" ");
            int separator = 6;
            while (separator < fields.length && !fields[separator].equals("-")) {
                separator++;
            }
            if (separator + 3 >= fields.length || !fields[separator + 1].equals(fsType)) {
                continue;
            }
            if (fsType.equals("cgroup") && !hasToken(fields[separator + 3], "memory")) {
                continue;
            }
            String root = unescape(fields[3]);
            String mountPoint = unescape(fields[4]);
            String relative = relative(root, cgroupPath);
            if (relative != null) {
                Path directory = path(relative.equals("/") ? mountPoint : mountPoint + relative);
                if (directory != null) {
                    return directory;
                }
            }
            if (fallback == null) {
                fallback = path(mountPoint);
            }
        }
        return fallback;
    }

    /** The path, or null if the text cannot be one (a NUL byte). */
    private static Path path(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException notAPath) {
            return null;
        }
    }

    /** The cgroup path below the mount's root, starting with '/', or null if it is not below it. */
    private static String relative(String root, String cgroupPath) {
        if (!cgroupPath.startsWith("/") || cgroupPath.equals("/..") || cgroupPath.startsWith("/../")) {
            return null;
        }
        if (root.equals("/")) {
            return cgroupPath;
        }
        if (cgroupPath.equals(root)) {
            return "/";
        }
        if (cgroupPath.startsWith(root) && cgroupPath.charAt(root.length()) == '/') {
            return cgroupPath.substring(root.length());
        }
        return null;
    }

    /** The text as a String, the bytes of a {@link ProcText} decoded as UTF-8 as paths are on Linux. */
    private static String utf8(CharSequence text) {
        ProcText proc = ProcText.of(text);
        return AsciiScan.string(proc.bytes(), 0, proc.length());
    }

    private static boolean hasToken(String commaSeparated, String token) {
        for (String t : commaSeparated.split(",")) {
            if (t.equals(token)) {
                return true;
            }
        }
        return false;
    }

    /** Undoes mountinfo's octal escapes of blanks, line feeds and backslashes ({@code \040}, {@code \134}, ...). */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        for (int i = from; i < from + 3; i++) {
            if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
