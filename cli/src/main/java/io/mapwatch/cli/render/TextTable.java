package io.mapwatch.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: columns as wide as their widest cell, strings left-aligned and numbers
 * right-aligned. A cell may hold several lines. When the table would not fit, the first column is
 * shortened from the left (it holds paths, whose end says most).
 */
public final class TextTable {
    private final String[] headers;
    private final boolean[] left;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String[] headers, boolean[] leftAligned) {
        this.headers = headers.clone();
        this.left = leftAligned.clone();
    }

    public void row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells");
        }
        rows.add(cells.clone());
    }

    public void print(PrintWriter out, int maxWidth) {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                for (String line : row[c].split("\n", -1)) {
                    widths[c] = Math.max(widths[c], line.length());
                }
            }
        }
        int others = 0;
        for (int c = 1; c < widths.length; c++) {
            others += widths[c] + 2;
        }
        widths[0] = Math.max(Math.min(12, widths[0]), Math.min(widths[0], maxWidth - others));
        printLine(out, headers, widths);
        for (String[] row : rows) {
            String[][] lines = new String[row.length][];
            int height = 1;
            for (int c = 0; c < row.length; c++) {
                lines[c] = row[c].split("\n", -1);
                height = Math.max(height, lines[c].length);
            }
            for (int l = 0; l < height; l++) {
                String[] cells = new String[row.length];
                for (int c = 0; c < row.length; c++) {
                    cells[c] = l < lines[c].length ? lines[c][l] : "";
                }
                printLine(out, cells, widths);
            }
        }
        out.flush();
    }

    private void printLine(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            if (c == 0 && cell.length() > widths[0]) {
                cell = "..." + cell.substring(cell.length() - widths[0] + 3);
            }
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(left[c] ? cell + pad : pad + cell);
        }
        out.println(line.toString().stripTrailing());
    }
}
