package io.mapwatch.cli.render;

import java.io.PrintWriter;

/** The output formats of the commands that print tables. */
public enum Format {
    text {
        @Override
        public void render(Document document, Layout layout, PrintWriter out) {
            TextRenderer.render(document, out, layout.width());
        }
    },
    json {
        @Override
        public void render(Document document, Layout layout, PrintWriter out) {
            JsonRenderer.render(document, out);
        }
    },
    csv {
        @Override
        public void render(Document document, Layout layout, PrintWriter out) {
            CsvRenderer.render(document, layout.table(), out);
        }
    };

    public abstract void render(Document document, Layout layout, PrintWriter out);
}
