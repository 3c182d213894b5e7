package io.mapwatch.cli.render;

/**
 * A column of a table or a field of a record: its JSON/CSV key, its text header, its kind, and
 * whether text output shows it (wide tables keep some columns for JSON and CSV only).
 */
public record Column(String key, String header, Kind kind, boolean inText) {
    public Column(String key, String header, Kind kind) {
        this(key, header, kind, true);
    }

    /** A column that JSON and CSV carry but text leaves out. */
    public static Column dataOnly(String key, Kind kind) {
        return new Column(key, key, kind, false);
    }

    /** Whether text aligns it left (strings) rather than right (numbers). */
    boolean leftAligned() {
        return kind == Kind.TEXT || kind == Kind.LINES || kind == Kind.TIME;
    }
}
