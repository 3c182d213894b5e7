package io.mapwatch.cli.render;

import java.io.PrintWriter;

/** The output formats of the commands that print tables. */
public enum Format {
    text {
        @Override
        public void render(Document document, PrintWriter out) {
            TextRenderer.render(document, out);
        }
    },
    json {
        @Override
        public void render(Document document, PrintWriter out) {
            JsonRenderer.render(document, out);
        }
    },
    csv {
        @Override
        public void render(Document document, PrintWriter out) {
            CsvRenderer.render(document, out);
        }
    };

    public abstract void render(Document document, PrintWriter out);
}
