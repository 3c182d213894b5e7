package io.mapwatch.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: columns as wide as their widest cell, strings left-aligned and numbers
 * right-aligned. A cell may hold several lines. When the table would not fit its width, only its
 * path columns give way: first the folder all their paths share is printed once above the table
 * and left out of each cell, then the middle of a path still too long is elided, keeping its file
 * name. No other column is ever cut; a table whose other columns alone are wider stays wider.
 */
public final class TextTable {
    /** The narrowest a path column is made: room for a short folder and a file name. */
    static final int MIN_PATH_WIDTH = 24;
    private static final String ELLIPSIS = "...";
    private static final String NOT_MEASURED = "-";

    private final String[] headers;
    private final boolean[] left;
    private final boolean[] paths;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String[] headers, boolean[] leftAligned, boolean[] pathColumns) {
        this.headers = headers.clone();
        this.left = leftAligned.clone();
        this.paths = pathColumns.clone();
    }

    public void row(String... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells");
        }
        rows.add(cells.clone());
    }

    public void print(PrintWriter out, int maxWidth) {
        int[] widths = widths();
        if (total(widths) > maxWidth && hasPathColumn()) {
            String folder = commonFolder();
            if (folder != null) {
                out.println("  in " + folder);
                for (String[] row : rows) {
                    for (int c = 0; c < row.length; c++) {
                        if (paths[c] && row[c].startsWith(folder)) {
                            row[c] = row[c].substring(folder.length());
                        }
                    }
                }
                widths = widths();
            }
            fitPaths(widths, maxWidth);
        }
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

    private int[] widths() {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = headers[c].length();
            for (String[] row : rows) {
                for (String line : row[c].split("\n", -1)) {
                    widths[c] = Math.max(widths[c], line.length());
                }
            }
        }
        return widths;
    }

    private static int total(int[] widths) {
        int total = 2 * (widths.length - 1);
        for (int width : widths) {
            total += width;
        }
        return total;
    }

    private boolean hasPathColumn() {
        for (boolean path : paths) {
            if (path) {
                return true;
            }
        }
        return false;
    }

    /** The path columns share what the other columns leave, never less than {@link #MIN_PATH_WIDTH} each. */
    private void fitPaths(int[] widths, int maxWidth) {
        int pathColumns = 0;
        int pathWidth = 0;
        for (int c = 0; c < widths.length; c++) {
            if (paths[c]) {
                pathColumns++;
                pathWidth += widths[c];
            }
        }
        int room = maxWidth - (total(widths) - pathWidth);
        for (int c = 0; c < widths.length; c++) {
            if (paths[c]) {
                widths[c] = Math.min(widths[c], Math.max(Math.max(MIN_PATH_WIDTH, headers[c].length()), room / pathColumns));
            }
        }
    }

    /**
     * The folder (ending in {@code /}) that every path of every path column starts with, when there
     * are at least two paths and it is more than the root; null otherwise.
     */
    private String commonFolder() {
        String common = null;
        int count = 0;
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (!paths[c] || row[c].isEmpty() || row[c].equals(NOT_MEASURED)) {
                    continue;
                }
                if (!row[c].startsWith("/")) {
                    return null;
                }
                String folder = row[c].substring(0, row[c].lastIndexOf('/') + 1);
                common = common == null ? folder : sharedFolder(common, folder);
                count++;
            }
        }
        return count >= 2 && common != null && common.length() > 1 ? common : null;
    }

    private static String sharedFolder(String a, String b) {
        int end = 0;
        for (int i = 0; i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i); i++) {
            if (a.charAt(i) == '/') {
                end = i + 1;
            }
        }
        return a.substring(0, end);
    }

    /**
     * {@code path} in at most {@code width} characters: its start and its file name around
     * {@code ...}; only a file name longer than the width loses its own start.
     */
    static String elide(String path, int width) {
        if (path.length() <= width) {
            return path;
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        int head = width - ELLIPSIS.length() - name.length() - 1;
        if (slash < 0 || head < 1) {
            return ELLIPSIS + path.substring(path.length() - width + ELLIPSIS.length());
        }
        String start = path.substring(0, head);
        int lastSlash = start.lastIndexOf('/');
        if (lastSlash > 0) {
            start = start.substring(0, lastSlash + 1);
        }
        return start + ELLIPSIS + "/" + name;
    }

    private void printLine(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            String cell = paths[c] ? elide(cells[c], widths[c]) : cells[c];
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(Math.max(0, widths[c] - cell.length()));
            line.append(left[c] ? cell + pad : pad + cell);
        }
        out.println(line.toString().stripTrailing());
    }
}
