package io.mapwatch.cli.render;

import java.util.ArrayList;
import java.util.List;

/** Named values: an object in JSON, "label: value" lines in text, a one-row table in CSV. */
public final class Fields implements Section {
    private final String key;
    private final String title;
    private final List<Column> columns = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private Audience audience = Audience.ALL;

    public Fields(String key, String title) {
        this.key = key;
        this.title = title;
    }

    public Fields add(String key, String label, Kind kind, Object value) {
        columns.add(new Column(key, label, kind));
        values.add(value);
        return this;
    }

    /** Shows these fields only to {@code audience}. */
    public Fields only(Audience audience) {
        this.audience = audience;
        return this;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Audience audience() {
        return audience;
    }

    public String title() {
        return title;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<Object> values() {
        return values;
    }
}
