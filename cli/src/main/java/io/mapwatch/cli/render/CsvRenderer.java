package io.mapwatch.cli.render;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * CSV (RFC 4180): each table under a {@code # key} line, its header row made of the JSON keys,
 * values as in JSON (bytes, milliseconds, ISO-8601 times), empty where not measured; blank lines
 * between tables.
 */
public final class CsvRenderer {
    private CsvRenderer() {
    }

    public static void render(Document document, PrintWriter out) {
        boolean first = true;
        for (Section section : document.sections()) {
            if (section.audience() == Section.Audience.TEXT || section instanceof Note) {
                continue;
            }
            if (!first) {
                out.print("\r\n");
            }
            first = false;
            out.print("# " + section.key() + "\r\n");
            if (section instanceof Table table) {
                header(table.columns(), out);
                for (Object[] row : table.rows()) {
                    row(table.columns(), Arrays.asList(row), out);
                }
            } else if (section instanceof Fields fields) {
                header(fields.columns(), out);
                row(fields.columns(), fields.values(), out);
            }
        }
        out.flush();
    }

    private static void header(List<Column> columns, PrintWriter out) {
        out.print(String.join(",", columns.stream().map(Column::key).toList()) + "\r\n");
    }

    private static void row(List<Column> columns, List<Object> values, PrintWriter out) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(columns.get(i).kind(), values.get(i)));
        }
        out.print(line.append("\r\n"));
    }

    private static String cell(Kind kind, Object value) {
        if (value == null || kind.notMeasured(value)) {
            return "";
        }
        String text = switch (kind) {
            case TIME -> ((Instant) value).toString();
            case LINES -> String.join(" < ", TextRenderer.asLines(value));
            case SHARE, NUMBER, SECONDS -> Double.toString(Math.round(((Number) value).doubleValue() * 10_000) / 10_000.0);
            default -> value.toString();
        };
        return text.matches("[^\",\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
