package io.mapwatch.cli.render;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CSV (RFC 4180): each table under a {@code # key} line, its header row made of the JSON keys,
 * values as in JSON (bytes, milliseconds, ISO-8601 times), empty where not measured; blank lines
 * between tables. Rows nested in a column ({@link Kind#ROWS}) follow their table as a table of
 * their own, {@code # table.column}, each row led by its parent row's first value.
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
            List<Table> tables = new ArrayList<>();
            if (section instanceof Table table) {
                tables.add(table);
                tables.addAll(table.nestedTables());
            }
            if (section instanceof Fields fields) {
                start(section.key(), first, out);
                header(fields.columns(), out);
                row(fields.columns(), fields.values(), out);
            }
            for (Table table : tables) {
                start(table.key(), first && table == section, out);
                header(table.columns(), out);
                for (Object[] row : table.rows()) {
                    row(table.columns(), Arrays.asList(row), out);
                }
            }
            first = false;
        }
        out.flush();
    }

    private static void start(String key, boolean first, PrintWriter out) {
        if (!first) {
            out.print("\r\n");
        }
        out.print("# " + key + "\r\n");
    }

    private static void header(List<Column> columns, PrintWriter out) {
        out.print(String.join(",", columns.stream().filter(c -> c.kind() != Kind.ROWS).map(Column::key).toList())
                + "\r\n");
    }

    private static void row(List<Column> columns, List<Object> values, PrintWriter out) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).kind() != Kind.ROWS) {
                cells.add(cell(columns.get(i).kind(), values.get(i)));
            }
        }
        StringBuilder line = new StringBuilder(String.join(",", cells));
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
