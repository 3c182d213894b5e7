package io.mapwatch.cli.render;

import java.util.ArrayList;
import java.util.List;

/** Named values: an object in JSON, "label: value" lines in text, a one-row table in CSV. */
public final class Fields extends ColumnsSection {
    private final List<Column> columns = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    public Fields(String key, String title) {
        super(key, title);
    }

    public Fields add(String key, String label, Kind kind, Object value) {
        columns.add(new Column(key, label, kind));
        values.add(value);
        return this;
    }

    /** Shows these fields only to {@code audience}. */
    public Fields only(Audience audience) {
        showTo(audience);
        return this;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    public List<Object> values() {
        return values;
    }
}
