package io.mapwatch.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a table whose rows are objects of one type, each column with the function that
 * reads its value from a row, so that a column and its value cannot drift apart.
 */
public final class Columns<R> {
    private final List<Column> columns = new ArrayList<>();
    private final List<Function<? super R, ?>> values = new ArrayList<>();

    /** A column that every format shows. */
    public Columns<R> add(String key, String header, Kind kind, Function<? super R, ?> value) {
        return add(new Column(key, header, kind), value);
    }

    /** A column that JSON and CSV carry but text leaves out. */
    public Columns<R> dataOnly(String key, Kind kind, Function<? super R, ?> value) {
        return add(Column.dataOnly(key, kind), value);
    }

    /**
     * A column whose value in each row is rows of its own, under {@code columns}: {@code rows} gives
     * them (null: not measured). Text shows them, if {@code inText}, as a table titled {@code header}.
     */
    public <N> Columns<R> nested(String key, String header, boolean inText, Columns<N> columns,
                                 Function<? super R, ? extends List<? extends N>> rows) {
        return add(new Column(key, header, Kind.ROWS, inText, columns.columns), row -> {
            List<? extends N> nested = rows.apply(row);
            return nested == null ? null : nested.stream().map(columns::values).toList();
        });
    }

    /** {@code more}'s columns after these. */
    public Columns<R> addAll(Columns<? super R> more) {
        for (int i = 0; i < more.columns.size(); i++) {
            add(more.columns.get(i), more.values.get(i));
        }
        return this;
    }

    /** These columns with every one kept for JSON and CSV only. */
    public Columns<R> dataOnly() {
        Columns<R> copy = new Columns<>();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            copy.add(new Column(c.key(), c.header(), c.kind(), false, c.nested()), values.get(i));
        }
        return copy;
    }

    /** These columns over rows of another type, each reading its value from the part of the row {@code part} gives. */
    public <S> Columns<S> on(Function<? super S, ? extends R> part) {
        Columns<S> columns = new Columns<>();
        for (int i = 0; i < this.columns.size(); i++) {
            Function<? super R, ?> value = values.get(i);
            columns.add(this.columns.get(i), row -> value.apply(part.apply(row)));
        }
        return columns;
    }

    private Columns<R> add(Column column, Function<? super R, ?> value) {
        columns.add(column);
        values.add(value);
        return this;
    }

    /** A table of {@code rows} under these columns. */
    public Table table(String key, String title, Iterable<? extends R> rows) {
        Table table = new Table(key, title, columns);
        for (R row : rows) {
            table.row(values(row));
        }
        return table;
    }

    private Object[] values(R row) {
        return values.stream().map(v -> v.apply(row)).toArray();
    }
}
