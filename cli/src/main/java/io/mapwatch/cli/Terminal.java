package io.mapwatch.cli;

import io.mapwatch.cli.render.TextRenderer;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Whether stdout or stderr is a terminal, and how wide the terminal is: what text output and progress adapt to. */
public final class Terminal {
    public static final int STDOUT = 1;
    public static final int STDERR = 2;

    private Terminal() {
    }

    /** Whether file descriptor {@code fd} of this process is a terminal (its /proc link names a tty device). */
    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * The width text is fitted to when none is given: {@code COLUMNS} when the environment has it,
     * else the terminal's when stdout is one ({@code stty size}), else {@link TextRenderer#WIDTH}.
     */
    public static int width() {
        Integer columns = positive(System.getenv("COLUMNS"));
        if (columns != null) {
            return columns;
        }
        if (isTerminal(STDOUT)) {
            Integer stty = sttyColumns();
            if (stty != null) {
                return stty;
            }
        }
        return TextRenderer.WIDTH;
    }

    private static Integer sttyColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!stty.waitFor(2, TimeUnit.SECONDS) || stty.exitValue() != 0) {
                stty.destroyForcibly();
                return null;
            }
            String[] rowsColumns = size.split("\\s+");
            return rowsColumns.length == 2 ? positive(rowsColumns[1]) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Integer positive(String text) {
        if (text == null || !text.strip().matches("[0-9]{1,5}")) {
            return null;
        }
        int value = Integer.parseInt(text.strip());
        return value > 0 ? value : null;
    }
}
