package io.mapwatch.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: left-aligned first column, right-aligned numbers, columns as wide as their
 * widest cell; the first column is shortened from the left when the table would not fit.
 */
public final class TextTable {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = headers;
    }

    public void row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells");
        }
        rows.add(cells);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out, int maxWidth) {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c] == null ? 1 : row[c].length());
            }
        }
        int others = 0;
        for (int c = 1; c < widths.length; c++) {
            others += widths[c] + 2;
        }
        widths[0] = Math.max(12, Math.min(widths[0], maxWidth - others));
        printRow(out, headers, widths);
        for (String[] row : rows) {
            printRow(out, row, widths);
        }
        out.flush();
    }

    private static void printRow(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c] == null ? "-" : cells[c];
            if (c == 0) {
                if (cell.length() > widths[0]) {
                    cell = "..." + cell.substring(cell.length() - widths[0] + 3);
                }
                line.append(cell).append(" ".repeat(widths[0] - cell.length()));
            } else {
                line.append("  ").append(" ".repeat(widths[c] - cell.length())).append(cell);
            }
        }
        out.println(line.toString().stripTrailing());
    }
}
