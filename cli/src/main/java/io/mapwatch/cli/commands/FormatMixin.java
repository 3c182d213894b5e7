package io.mapwatch.cli.commands;

import io.mapwatch.cli.render.Document;
import io.mapwatch.cli.render.Format;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --format text|json|csv}, with {@code --width} and {@code --table}. */
public final class FormatMixin {
    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    LayoutMixin layout;

    public void print(Document document, CommandSpec spec) {
        format.render(document, layout.layout(format == Format.csv, spec), spec.commandLine().getOut());
    }
}
