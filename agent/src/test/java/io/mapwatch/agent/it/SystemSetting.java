package io.mapwatch.agent.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A kernel setting ({@code /proc/sys/vm/max_map_count}, a disk's {@code read_ahead_kb}) changed for
 * the length of a test and put back however the test JVM ends: a finally block does not run when the
 * JVM is killed (SIGKILL, a CI timeout), and the machine would stay changed.
 *
 * <p>A watchdog process makes the change and holds the saved value: it writes the new value, then
 * reads its standard input, a pipe from this JVM, until the pipe closes, and writes the saved value
 * back. The pipe closes when {@link #close()} closes it, or when the kernel closes it because this JVM
 * died. The watchdog runs in a session of its own ({@code setsid}), out of reach of a signal to the
 * test's process group, and holds a lock on the setting's file ({@code flock}, which works on
 * {@code /proc/sys} and {@code /sys} files too), so that two test JVMs on one machine, of one
 * checkout or several, change it one after the other and neither saves the other's changed value.
 */
final class SystemSetting implements AutoCloseable {
    private static final String WATCHDOG = String.join("\n",
            "trap '' HUP INT TERM PIPE",
            "saved=$(cat \"$1\") || exit 1",
            "printf '%s\\n' \"$2\" > \"$1\" || exit 1",
            "echo \"changed $saved\"",
            "cat > /dev/null",
            "printf '%s\\n' \"$saved\" > \"$1\"");

    private final Path setting;
    private final String saved;
    private final Process watchdog;

    private SystemSetting(Path setting, String saved, Process watchdog) {
        this.setting = setting;
        this.saved = saved;
        this.watchdog = watchdog;
    }

    /**
     * Sets {@code setting} to {@code value} until {@link #close()} or this JVM's end, whichever comes
     * first; waits while another JVM holds the setting changed.
     */
    static SystemSetting changed(Path setting, String value) throws IOException {
        Process watchdog = new ProcessBuilder(List.of("setsid", "--wait", "flock", setting.toString(), "sh", "-c", WATCHDOG,
                "sh", setting.toString(), value)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(watchdog.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("changed ")) {
            watchdog.destroy();
            throw new IOException("could not set " + setting + " to " + value + " (watchdog: " + line + ")");
        }
        return new SystemSetting(setting, line.substring("changed ".length()), watchdog);
    }

    /** The value before the change, which comes back. */
    String saved() {
        return saved;
    }

    /** Puts the saved value back, and returns once it is. */
    @Override
    public void close() throws IOException {
        watchdog.getOutputStream().close();
        try {
            if (!watchdog.waitFor(1, TimeUnit.MINUTES) || watchdog.exitValue() != 0) {
                throw new IOException("the watchdog of " + setting + " did not put back " + saved);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while putting back " + setting, e);
        }
    }

    /** The setting's value now, as the kernel prints it. */
    static String read(Path setting) throws IOException {
        return Files.readAllLines(setting).get(0).trim();
    }

    /**
     * {@code SystemSetting SETTING VALUE}: changes the setting, prints {@code changed SAVED} and waits to
     * be killed, for a test that kills it to see the setting come back.
     */
    public static void main(String[] args) throws Exception {
        SystemSetting changed = changed(Paths.get(args[0]), args[1]);
        System.out.println("changed " + changed.saved());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
