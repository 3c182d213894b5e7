package io.mapwatch.cli.render;

import java.util.List;

/**
 * A titled section of values under typed columns: what {@link Table} and {@link Fields} share.
 * Which formats show it is set once, by the view that builds it.
 */
public abstract sealed class ColumnsSection implements Section permits Table, Fields {
    private final String key;
    private final String title;
    private Audience audience = Audience.ALL;

    ColumnsSection(String key, String title) {
        this.key = key;
        this.title = title;
    }

    void showTo(Audience audience) {
        this.audience = audience;
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

    public abstract List<Column> columns();
}
