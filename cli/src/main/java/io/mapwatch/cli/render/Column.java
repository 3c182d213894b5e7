package io.mapwatch.cli.render;

import java.util.List;

/**
 * A column of a table or a field of a record: its JSON/CSV key, its text header, its kind, and
 * whether text output shows it (wide tables keep some columns for JSON and CSV only). A column of
 * {@link Kind#ROWS} holds, in each row, rows of its own under {@code nested} columns.
 */
public record Column(String key, String header, Kind kind, boolean inText, List<Column> nested) {
    public Column {
        nested = List.copyOf(nested);
    }

    public Column(String key, String header, Kind kind) {
        this(key, header, kind, true, List.of());
    }

    /** A column that JSON and CSV carry but text leaves out. */
    public static Column dataOnly(String key, Kind kind) {
        return new Column(key, key, kind, false, List.of());
    }

    /** Whether text aligns it left (strings) rather than right (numbers). */
    boolean leftAligned() {
        return kind == Kind.TEXT || kind == Kind.PATH || kind == Kind.LINES || kind == Kind.TIME;
    }
}
