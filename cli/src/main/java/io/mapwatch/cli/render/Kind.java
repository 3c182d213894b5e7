package io.mapwatch.cli.render;

/** What a value is, which decides how each format writes it. Numbers below zero mean "not measured". */
public enum Kind {
    /** A string; null is written as "-" in text and null in JSON. */
    TEXT,
    /**
     * A file path: a string in JSON and CSV; in text the one kind of column that is shortened to fit
     * the width, keeping the file name.
     */
    PATH,
    /** A whole number of things. */
    COUNT,
    /** A size in bytes. */
    BYTES,
    /** A duration in milliseconds. */
    MILLIS,
    /** A duration in nanoseconds. */
    NANOS,
    /** A share between 0 and 1, written as a percentage in text. */
    SHARE,
    /** A duration in seconds, with decimals. */
    SECONDS,
    /** A decimal number. */
    NUMBER,
    /** An {@link java.time.Instant}, ISO-8601 in every format. */
    TIME,
    /** A list of strings (stack frames): one line each in text, an array in JSON. */
    LINES,
    /**
     * Rows of their own under the column's nested columns (a {@code List<Object[]>}; null when not
     * measured): an array of objects in JSON; in CSV and text, a table of their own after the table,
     * each row led by its parent row's first value.
     */
    ROWS;

    /** Whether {@code value} means "not measured": a number below zero ("-" in text, null in JSON, empty in CSV). */
    boolean notMeasured(Object value) {
        return switch (this) {
            case COUNT, BYTES, MILLIS, NANOS, SHARE, SECONDS, NUMBER -> ((Number) value).doubleValue() < 0;
            case TEXT, PATH, TIME, LINES, ROWS -> false;
        };
    }
}
