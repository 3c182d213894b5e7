package io.mapwatch.cli.attach;

import io.mapwatch.cli.CliException;
import io.mapwatch.kernel.procfs.Maps;
import io.mapwatch.kernel.procfs.MapsEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * A process as {@code /proc} shows it before anyone attaches: whether it is a JVM that can be
 * attached to without harm, and which mapwatch agent it loaded. The Attach API cannot be left to
 * find out: on JDK 17 it begins by sending SIGQUIT, which ends a process that does not handle that
 * signal (one that is not a JVM, or a JVM started with {@code -Xrs}).
 */
public final class JvmProcess {
    private static final String LIBJVM = "/libjvm.so";
    private static final String DISABLE_ATTACH = "DisableAttachMechanism";
    private static final int SIGQUIT = 3;
    /** The {@code Agent-Class} of the mapwatch agent jar's manifest: what tells its jar apart from other agents'. */
    private static final String AGENT_CLASS = "io.mapwatch.agent.AgentLauncher";

    private final long pid;
    private final Path proc;
    private final String status;
    private MappedCode mappedCode;

    private JvmProcess(long pid, Path proc, String status) {
        this.pid = pid;
        this.proc = proc;
        this.status = status;
    }

    /** The live process {@code pid}; a process that does not exist (or a thread id) is unusable input. */
    public static JvmProcess of(long pid) {
        if (pid <= 0) {
            throw noSuchProcess(pid);
        }
        Path proc = Path.of("/proc", Long.toString(pid));
        String status;
        try {
            status = Files.readString(proc.resolve("status"), StandardCharsets.UTF_8);
        } catch (IOException gone) {
            throw noSuchProcess(pid);
        }
        String processId = statusField(status, "Tgid");
        if (processId != null && !processId.equals(Long.toString(pid))) {
            throw CliException.badInput("no process with id " + pid + " (it is a thread of process " + processId + ")");
        }
        return new JvmProcess(pid, proc, status);
    }

    private static CliException noSuchProcess(long pid) {
        return CliException.badInput("no process with id " + pid);
    }

    public long pid() {
        return pid;
    }

    /** The command name the kernel shows, such as {@code java}. */
    public String name() {
        return statusField(status, "Name");
    }

    /**
     * Throws the sentence that says why attaching to this process would fail or harm it: it is
     * this very process, another user's, not a JVM, a JVM that refuses attach, or one that would
     * die of the SIGQUIT that starts the attach mechanism.
     */
    public void checkAttachable() {
        if (pid == ProcessHandle.current().pid()) {
            throw CliException.badInput("process " + pid + " is this mapwatch command itself; give the PID of another JVM");
        }
        String owner = otherOwner();
        if (owner != null) {
            throw CliException.badInput("process " + pid + " belongs to user " + owner + ", and a JVM accepts attach only"
                    + " from its own user: run mapwatch as " + owner);
        }
        if (!mappedCode().libjvm()) {
            throw CliException.badInput("process " + pid + " (" + name() + ") is not a Java virtual machine");
        }
        if (disablesAttach(jvmOptions())) {
            throw attachDisabled(pid);
        }
        if (!catchesSignal(status, SIGQUIT)) {
            throw CliException.badInput("process " + pid + " is a JVM that does not handle SIGQUIT (it runs with -Xrs,"
                    + " or is still starting), and the signal that starts attach would end it");
        }
    }

    /** The sentence for a JVM started with {@code -XX:+DisableAttachMechanism}, however that was found out. */
    static CliException attachDisabled(long pid) {
        return CliException.badInput("process " + pid + " is a JVM started with -XX:+DisableAttachMechanism, which refuses"
                + " attach; restart it without that option to record it");
    }

    /**
     * The version of the mapwatch agent this JVM loaded, {@code "unknown"} when its jar says none,
     * or null when it loaded none. The agent's class loader keeps its jar open for the JVM's life,
     * so the jar is among the process's open files (an agent of an older version, which put its jar
     * on the bootstrap search path, shows in the maps instead); its manifest tells it apart from
     * other agents' jars.
     */
    public String agentVersion() {
        Set<String> jars = new LinkedHashSet<>(openJars());
        jars.addAll(mappedCode().jars());
        for (String jar : jars) {
            Attributes manifest = manifest(jar);
            if (manifest != null && AGENT_CLASS.equals(manifest.getValue("Agent-Class"))) {
                String version = manifest.getValue(Attributes.Name.IMPLEMENTATION_VERSION);
                return version == null ? "unknown" : version;
            }
        }
        return null;
    }

    /** The jars the process holds open, from the links in /proc/PID/fd; none when they cannot be read. */
    private List<String> openJars() {
        List<String> jars = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("/") && target.endsWith(".jar")) {
                        jars.add(target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between the listing and the read
                }
            }
        } catch (IOException unreadable) {
            return List.of();
        }
        return jars;
    }

    /** The jar's manifest, read through the process's own root (a container's jar is not at that path outside). */
    private Attributes manifest(String jar) {
        try (JarFile file = new JarFile(proc.resolve("root").resolve(jar.substring(1)).toFile())) {
            Manifest manifest = file.getManifest();
            return manifest == null ? null : manifest.getMainAttributes();
        } catch (IOException unreadable) {
            return null;
        }
    }

    private MappedCode mappedCode() {
        if (mappedCode == null) {
            try {
                mappedCode = MappedCode.read(proc.resolve("maps"));
            } catch (AccessDeniedException e) {
                throw CliException.badInput("cannot read " + proc.resolve("maps") + " to check that process " + pid
                        + " is a JVM: permission denied");
            } catch (IOException gone) {
                throw noSuchProcess(pid);
            }
        }
        return mappedCode;
    }

    /** The owner's name when the process belongs to another user and this one is not root; else null. */
    private String otherOwner() {
        try {
            int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            int owner = (Integer) Files.getAttribute(proc, "unix:uid");
            return me == 0 || me == owner ? null : Files.getOwner(proc).getName();
        } catch (IOException gone) {
            throw noSuchProcess(pid);
        }
    }

    /** The JVM options from the environment variables the JVM reads and from the command line, in the JVM's order. */
    private List<String> jvmOptions() {
        List<String> environment = nulSeparated("environ");
        List<String> options = new ArrayList<>();
        options.addAll(variable(environment, "JAVA_TOOL_OPTIONS"));
        options.addAll(variable(environment, "JDK_JAVA_OPTIONS"));
        options.addAll(nulSeparated("cmdline"));
        options.addAll(variable(environment, "_JAVA_OPTIONS"));
        return options;
    }

    private static List<String> variable(List<String> environment, String name) {
        return environment.stream()
                .filter(entry -> entry.startsWith(name + "="))
                .findFirst()
                .map(entry -> Arrays.asList(entry.substring(name.length() + 1).trim().split("\\s+")))
                .orElse(List.of());
    }

    /** The strings of a NUL-separated file of the process; none when the file cannot be read. */
    private List<String> nulSeparated(String file) {
        try {
            String text = new String(Files.readAllBytes(proc.resolve(file)), StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
        } catch (IOException unreadable) {
            return List.of();
        }
    }

    /** Whether attach is disabled: the last of {@code -XX:+DisableAttachMechanism} and {@code -XX:-...} wins. */
    static boolean disablesAttach(List<String> jvmOptions) {
        boolean disabled = false;
        for (String option : jvmOptions) {
            if (option.equals("-XX:+" + DISABLE_ATTACH) || option.equals("-XX:-" + DISABLE_ATTACH)) {
                disabled = option.charAt(4) == '+';
            }
        }
        return disabled;
    }

    /** Whether the {@code SigCgt} mask of a {@code /proc/PID/status} text has a handler for {@code signal}. */
    static boolean catchesSignal(String statusText, int signal) {
        String mask = statusField(statusText, "SigCgt");
        return mask != null && (Long.parseUnsignedLong(mask, 16) & (1L << (signal - 1))) != 0;
    }

    /** The value of a {@code Key:} line of a {@code /proc/PID/status} text, trimmed; null when there is none. */
    static String statusField(String statusText, String key) {
        return statusText.lines()
                .filter(line -> line.startsWith(key + ":"))
                .findFirst()
                .map(line -> line.substring(key.length() + 1).trim())
                .orElse(null);
    }

    /** What a process's maps show of its code: whether HotSpot's libjvm.so is mapped, and which jars. */
    record MappedCode(boolean libjvm, List<String> jars) {
        static MappedCode read(Path maps) throws IOException {
            Collector collector = new Collector();
            Maps.forEach(maps, collector::accept);
            return collector.result();
        }

        static MappedCode of(CharSequence mapsText) {
            Collector collector = new Collector();
            Maps.forEach(mapsText, collector::accept);
            return collector.result();
        }

        private static final class Collector {
            private boolean libjvm;
            private final List<String> jars = new ArrayList<>();

            void accept(MapsEntry entry) {
                if (!entry.isFile()) {
                    return;
                }
                libjvm |= entry.path().endsWith(LIBJVM);
                if (entry.path().endsWith(".jar") && !entry.deleted() && !jars.contains(entry.path())) {
                    jars.add(entry.path());
                }
            }

            MappedCode result() {
                return new MappedCode(libjvm, List.copyOf(jars));
            }
        }
    }
}
