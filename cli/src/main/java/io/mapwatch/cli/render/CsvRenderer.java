package io.mapwatch.cli.render;

import io.mapwatch.cli.CliException;
import io.mapwatch.cli.ExitCode;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * CSV (RFC 4180): exactly one table of a document, chosen by its key, so that pandas, DuckDB and
 * spreadsheets read it as it is: one header row made of the JSON keys, values as in JSON (bytes,
 * milliseconds, ISO-8601 times), an empty cell where not measured, CRLF line ends. The tables are
 * the document's tables and field groups (a one-row table), and the rows nested in a column
 * ({@link Kind#ROWS}) as tables of their own, {@code table.column}, each row led by its parent
 * row's first value.
 */
public final class CsvRenderer {
    private CsvRenderer() {
    }

    /**
     * Writes the table keyed {@code key}.
     *
     * @throws CliException (usage) when no key was given or the document has no such table, naming those it has
     */
    public static void render(Document document, String key, PrintWriter out) {
        List<String> names = tableNames(document);
        if (key == null) {
            throw new CliException(ExitCode.USAGE, "--format csv writes one table; choose it with --table NAME, one of: "
                    + String.join(", ", names));
        }
        if (!names.contains(key)) {
            throw new CliException(ExitCode.USAGE, "there is no table " + key + " here; --table takes one of: "
                    + String.join(", ", names));
        }
        for (Section section : dataSections(document)) {
            if (section instanceof Fields fields && fields.key().equals(key)) {
                header(fields.columns(), out);
                row(fields.columns(), fields.values(), out);
            }
            if (section instanceof Table table) {
                for (Table t : withNested(table)) {
                    if (t.key().equals(key)) {
                        header(t.columns(), out);
                        for (Object[] row : t.rows()) {
                            row(t.columns(), Arrays.asList(row), out);
                        }
                    }
                }
            }
        }
        out.flush();
    }

    /** The keys {@code --table} takes for {@code document}, in the order of its sections. */
    public static List<String> tableNames(Document document) {
        List<String> names = new ArrayList<>();
        for (Section section : dataSections(document)) {
            if (section instanceof Fields) {
                names.add(section.key());
            } else if (section instanceof Table table) {
                withNested(table).forEach(t -> names.add(t.key()));
            }
        }
        return names;
    }

    private static List<Section> dataSections(Document document) {
        return document.sections().stream()
                .filter(s -> s.audience() != Section.Audience.TEXT && !(s instanceof Note)).toList();
    }

    private static List<Table> withNested(Table table) {
        List<Table> tables = new ArrayList<>();
        tables.add(table);
        tables.addAll(table.nestedTables());
        return tables;
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
