package io.mapwatch.cli.render;

/** A part of a command's output. */
public sealed interface Section permits ColumnsSection, Note {
    /** Which formats show a section. */
    enum Audience {
        /** Every format. */
        ALL,
        /** Text only: a view for people, such as files grouped by directory. */
        TEXT,
        /** JSON and CSV only: the complete data behind a text view. */
        DATA
    }

    /** The JSON key and CSV name of the section; null for a note. */
    String key();

    Audience audience();
}
