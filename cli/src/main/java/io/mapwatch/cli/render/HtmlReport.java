package io.mapwatch.cli.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One self-contained page: the template {@code report.html} filled once with uPlot's script and
 * style (copied from its webjar at build time) and the document as JSON, each value with the text
 * the CLI writes for it ({@link JsonRenderer#renderForPage}): the page formats no number itself.
 * Recording strings reach the page only inside that JSON, with {@code <} escaped, and the page's
 * script shows them with {@code textContent}, never as markup.
 */
public final class HtmlReport {
    private static final String TEMPLATE = "report.html";
    private static final String UPLOT_JS = "uplot/uPlot.iife.min.js";
    private static final String UPLOT_CSS = "uplot/uPlot.min.css";

    private HtmlReport() {
    }

    public static String of(Document data) {
        StringWriter json = new StringWriter();
        JsonRenderer.renderForPage(data, json);
        return fill(resource(TEMPLATE), Map.of(
                "uplot-css", resource(UPLOT_CSS),
                "uplot-js", resource(UPLOT_JS),
                "data", json.toString()));
    }

    /** Replaces each {@code {{name}}} of {@code template} in one pass; inserted text is never scanned again. */
    static String fill(String template, Map<String, String> values) {
        StringBuilder page = new StringBuilder(template.length() + values.values().stream().mapToInt(String::length).sum());
        int at = 0;
        for (int open = template.indexOf("{{", at); open >= 0; open = template.indexOf("{{", at)) {
            int close = template.indexOf("}}", open);
            String name = template.substring(open + 2, close);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalStateException("no value for {{" + name + "}} in " + TEMPLATE);
            }
            page.append(template, at, open).append(value);
            at = close + 2;
        }
        return page.append(template, at, template.length()).toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the CLI jar; rebuild with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
