package io.mapwatch.cli.render;

import java.util.ArrayList;
import java.util.List;

/** Rows of values under typed columns: an array of objects in JSON, a table in text and CSV. */
public final class Table extends ColumnsSection {
    private final List<Column> columns;
    private final List<Object[]> rows = new ArrayList<>();
    private String empty = "none";

    public Table(String key, String title, List<Column> columns) {
        super(key, title);
        this.columns = List.copyOf(columns);
    }

    public Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(key() + ": expected " + columns.size() + " values, got " + values.length);
        }
        rows.add(values.clone());
        return this;
    }

    /** Shows this table only to {@code audience}. */
    public Table only(Audience audience) {
        showTo(audience);
        return this;
    }

    /** What text output says instead of an empty table. */
    public Table whenEmpty(String text) {
        this.empty = text;
        return this;
    }

    public String emptyText() {
        return empty;
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    public List<Object[]> rows() {
        return rows;
    }

    /**
     * The rows held by each row's {@link Kind#ROWS} columns, as tables of their own: each keyed
     * {@code key.column}, titled with the column's header, its rows led by their parent row's first value.
     */
    public List<Table> nestedTables() {
        List<Table> tables = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            if (column.kind() != Kind.ROWS) {
                continue;
            }
            List<Column> flat = new ArrayList<>();
            flat.add(columns.get(0));
            flat.addAll(column.nested());
            Table nested = new Table(key() + "." + column.key(), column.header(), flat);
            nested.showTo(column.inText() ? audience() : Audience.DATA);
            for (Object[] row : rows) {
                if (row[c] != null) {
                    for (Object[] inner : Table.<Object[]>listOf(row[c])) {
                        Object[] values = new Object[inner.length + 1];
                        values[0] = row[0];
                        System.arraycopy(inner, 0, values, 1, inner.length);
                        nested.row(values);
                    }
                }
            }
            tables.add(nested);
        }
        return tables;
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> listOf(Object value) {
        return (List<T>) value;
    }
}
