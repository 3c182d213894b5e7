package io.mapwatch.cli.commands;

import io.mapwatch.cli.Terminal;
import io.mapwatch.cli.render.Layout;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --width} for text and {@code --table} for CSV. */
public final class LayoutMixin {
    /** Narrower than this, a table's numbers alone would not fit. */
    static final int MIN_WIDTH = 40;

    @Option(names = "--width", paramLabel = "N",
            description = "Width of text output in columns (default: the terminal's, from COLUMNS or stty, else 120);"
                    + " only file paths are shortened to fit.")
    Integer width;

    @Option(names = "--table", paramLabel = "NAME",
            description = "With --format csv: the one table to write (--format csv without it lists the tables).")
    String table;

    /** The layout asked for; {@code csv} whether the format is CSV, the only one that takes a table. */
    public Layout layout(boolean csv, CommandSpec spec) {
        if (table != null && !csv) {
            throw new ParameterException(spec.commandLine(), "--table goes with --format csv");
        }
        if (width != null && width < MIN_WIDTH) {
            throw new ParameterException(spec.commandLine(), "--width must be at least " + MIN_WIDTH);
        }
        return new Layout(width != null ? width : Terminal.width(), table);
    }
}
