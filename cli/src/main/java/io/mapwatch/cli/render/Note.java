package io.mapwatch.cli.render;

/** Sentences for people: a paragraph in text, an entry of "notes" in JSON, absent from CSV. */
public record Note(String text, Audience audience) implements Section {
    public Note(String text) {
        this(text, Audience.ALL);
    }

    @Override
    public String key() {
        return null;
    }
}
