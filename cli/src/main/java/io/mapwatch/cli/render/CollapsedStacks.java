package io.mapwatch.cli.render;

import java.io.PrintWriter;
import java.util.List;

/**
 * Stacks in the collapsed format that flamegraph.pl and async-profiler's converter read: one line
 * per stack, its frames root first and separated by {@code ;}, then a space and its weight, a
 * whole number. A frame keeps no {@code ;} and no blank, which would end it early.
 */
public final class CollapsedStacks {
    private CollapsedStacks() {
    }

    /** A stack, frames top first as the analyses keep them, and its weight. */
    public record Weighted(List<String> framesTopFirst, long weight) {
    }

    /** Writes each stack with a weight above zero; nothing for none. */
    public static void write(List<Weighted> stacks, PrintWriter out) {
        for (Weighted stack : stacks) {
            if (stack.weight() <= 0 || stack.framesTopFirst().isEmpty()) {
                continue;
            }
            StringBuilder line = new StringBuilder();
            for (int i = stack.framesTopFirst().size() - 1; i >= 0; i--) {
                line.append(frame(stack.framesTopFirst().get(i))).append(i > 0 ? ";" : " ");
            }
            out.print(line.append(stack.weight()).append('\n'));
        }
        out.flush();
    }

    static String frame(String frame) {
        return frame.replace(';', ':').replaceAll("\\s", "_");
    }
}
