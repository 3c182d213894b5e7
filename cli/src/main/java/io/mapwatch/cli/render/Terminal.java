package io.mapwatch.cli.render;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The terminal this process writes to, if it writes to one. Linux only, as the rest of mapwatch's
 * live views: standard output is a terminal when {@code /proc/self/fd/1} leads to one (what
 * {@code isatty} tells; {@code System.console()} answers for standard input too, and on JDK 22+ not
 * even that), and its size is what {@code stty size} says of it.
 *
 * @param rows    lines on the screen
 * @param columns characters on a line
 */
public record Terminal(int rows, int columns) {
    private static final Terminal UNKNOWN_SIZE = new Terminal(24, TextRenderer.WIDTH);

    /** Whether standard output is a terminal. */
    public static boolean isStdout() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException notLinux) {
            return false;
        }
    }

    /** The size of the controlling terminal; 24 × 120 when it cannot be told. */
    public static Terminal size() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!stty.waitFor(1, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                return UNKNOWN_SIZE;
            }
            String[] size = answer.split("\\s+");
            return new Terminal(Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        } catch (IOException | RuntimeException unknown) {
            return UNKNOWN_SIZE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN_SIZE;
        }
    }
}
