package io.mapwatch.cli.render;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text for a terminal: titled tables that fit {@link #WIDTH} columns (or a width given), "label: value" lines, notes.
 * Rows nested in a column ({@link Kind#ROWS}) that text shows follow their table as a table of their own.
 */
public final class TextRenderer {
    /** Terminal width the tables are fitted to. */
    public static final int WIDTH = 120;

    private TextRenderer() {
    }

    public static void render(Document document, PrintWriter out) {
        render(document, out, WIDTH);
    }

    /** The document with its tables fitted to {@code width} columns. */
    public static void render(Document document, PrintWriter out, int width) {
        boolean first = true;
        for (Section section : document.sections()) {
            if (section.audience() == Section.Audience.DATA || section instanceof Table t && t.rows().isEmpty() && t.emptyText() == null) {
                continue;
            }
            if (!first) {
                out.println();
            }
            first = false;
            if (section instanceof Table table) {
                table(table, out, width);
                for (Table nested : table.nestedTables()) {
                    if (nested.audience() != Section.Audience.DATA && !nested.rows().isEmpty()) {
                        out.println();
                        table(nested, out, width);
                    }
                }
            } else if (section instanceof Fields fields) {
                fields(fields, out);
            } else if (section instanceof Note note) {
                wrap(note.text(), out, width);
            }
        }
        out.flush();
    }

    private static void table(Table table, PrintWriter out, int width) {
        out.println(table.title());
        if (table.rows().isEmpty()) {
            out.println("  " + table.emptyText());
            return;
        }
        List<Integer> shown = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            if (table.columns().get(c).inText() && table.columns().get(c).kind() != Kind.ROWS) {
                shown.add(c);
            }
        }
        String[] headers = new String[shown.size()];
        boolean[] left = new boolean[shown.size()];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = table.columns().get(shown.get(i)).header();
            left[i] = table.columns().get(shown.get(i)).leftAligned();
        }
        TextTable text = new TextTable(headers, left);
        for (Object[] row : table.rows()) {
            String[] cells = new String[shown.size()];
            for (int i = 0; i < cells.length; i++) {
                Column column = table.columns().get(shown.get(i));
                Object value = row[shown.get(i)];
                cells[i] = column.kind() == Kind.LINES && value != null
                        ? String.join("\n", asLines(value)) : format(column.kind(), value);
            }
            text.row(cells);
        }
        text.print(out, width);
    }

    private static void fields(Fields fields, PrintWriter out) {
        out.println(fields.title());
        int width = fields.columns().stream().mapToInt(c -> c.header().length()).max().orElse(0);
        for (int i = 0; i < fields.columns().size(); i++) {
            Column column = fields.columns().get(i);
            out.println("  " + column.header() + ":" + " ".repeat(width - column.header().length() + 1)
                    + (column.kind() == Kind.LINES && fields.values().get(i) != null
                    ? String.join(", ", asLines(fields.values().get(i))) : format(column.kind(), fields.values().get(i))));
        }
    }

    /** Prints {@code text} wrapped at {@code width}, each line keeping the indentation it starts with. */
    private static void wrap(String text, PrintWriter out, int width) {
        for (String line : text.split("\n", -1)) {
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            String rest = line;
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= indent.length()) {
                    break;
                }
                out.println(rest.substring(0, cut));
                rest = indent + "  " + rest.substring(cut + 1);
            }
            out.println(rest);
        }
    }

    /** One value as text. */
    public static String format(Kind kind, Object value) {
        if (value == null) {
            return "-";
        }
        return switch (kind) {
            case TEXT -> value.toString();
            case COUNT -> Units.count(((Number) value).longValue());
            case BYTES -> Units.bytes(((Number) value).longValue());
            case MILLIS -> Units.millis(((Number) value).longValue());
            case NANOS -> Units.nanos(((Number) value).longValue());
            case SHARE -> Units.share(((Number) value).doubleValue());
            case SECONDS -> ((Number) value).doubleValue() < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", ((Number) value).doubleValue());
            case NUMBER -> ((Number) value).doubleValue() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", ((Number) value).doubleValue());
            case TIME -> Units.time((Instant) value);
            case LINES -> String.join(" < ", asLines(value));
            case ROWS -> throw new IllegalArgumentException("nested rows are shown as a table of their own");
        };
    }

    @SuppressWarnings("unchecked")
    static List<String> asLines(Object value) {
        return (List<String>) value;
    }
}
