package io.mapwatch.cli.render;

import java.util.ArrayList;
import java.util.List;

/** The output of a command, independent of its format. */
public final class Document {
    private final List<Section> sections = new ArrayList<>();

    public <S extends Section> S add(S section) {
        sections.add(section);
        return section;
    }

    public Document note(String text) {
        sections.add(new Note(text));
        return this;
    }

    public List<Section> sections() {
        return sections;
    }
}
