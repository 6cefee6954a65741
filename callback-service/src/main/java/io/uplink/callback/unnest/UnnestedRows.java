package io.uplink.callback.unnest;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns of a batch of rows that travels as one array per column and is turned back into rows by Postgres's
 * {@code unnest(...)}: one statement for the whole batch (a JDBC batch still plans and executes one statement per
 * row), and no batch JSON to build, escape each value into and parse again. Declared once per statement; every
 * array is cast to its column's type, so the statement does not depend on what the driver infers. The arrays are
 * unnested side by side in a select list, which Postgres steps through together, row by row; {@code unnest(a, b, …)}
 * in {@code from} would first copy each array into a tuplestore of its own (docs/bench-log.md, "batch inserts step
 * through their arrays").
 *
 * @param <R> one row of the batch
 */
public final class UnnestedRows<R> {

    private final List<Column<R>> columns;
    private final String rows;

    private UnnestedRows(List<Column<R>> columns) {
        this.columns = List.copyOf(columns);
        this.rows = this.columns.stream()
                .map(column -> "unnest(cast(:" + column.parameter() + " as " + column.sqlType() + "[]))")
                .collect(Collectors.joining(", ", "(select ", ")"));
    }

    public static <R> Builder<R> columns() {
        return new Builder<>();
    }

    /**
     * {@code (select unnest(cast(:a as uuid[])), unnest(cast(:b as text[])), …)}, in the order the columns were
     * declared: the batch's rows, to select from under an alias that names their columns ({@code %s as r(id, name)}).
     * Arrays of unequal length give as many rows as the longest, the others padded with nulls.
     */
    public String rows() {
        return rows;
    }

    /** Binds one array per column, filled from {@code rows} in their order. */
    public StatementSpec bind(StatementSpec statement, List<? extends R> rows) {
        int n = rows.size();
        for (Column<R> column : columns) {
            Object[] values = (Object[]) Array.newInstance(column.javaType(), n);
            for (int i = 0; i < n; i++) {
                values[i] = column.value().apply(rows.get(i));
            }
            statement = statement.param(column.parameter(), values);
        }
        return statement;
    }

    private record Column<R>(String parameter, String sqlType, Class<?> javaType, Function<? super R, ?> value) {
    }

    public static final class Builder<R> {

        private final List<Column<R>> columns = new ArrayList<>();

        public Builder<R> uuid(String parameter, Function<? super R, UUID> value) {
            return add(parameter, "uuid", UUID.class, value);
        }

        public Builder<R> text(String parameter, Function<? super R, String> value) {
            return add(parameter, "text", String.class, value);
        }

        public Builder<R> int4(String parameter, Function<? super R, Integer> value) {
            return add(parameter, "int4", Integer.class, value);
        }

        public Builder<R> float8(String parameter, Function<? super R, Double> value) {
            return add(parameter, "float8", Double.class, value);
        }

        /** Sent as ISO-8601 text and cast by Postgres: the driver has no timestamptz[] binding for Instants. */
        public Builder<R> timestamptz(String parameter, Function<? super R, Instant> value) {
            return add(parameter, "timestamptz", String.class, row -> {
                Instant instant = value.apply(row);
                return instant == null ? null : instant.toString();
            });
        }

        private Builder<R> add(String parameter, String sqlType, Class<?> javaType, Function<? super R, ?> value) {
            columns.add(new Column<>(parameter, sqlType, javaType, value));
            return this;
        }

        public UnnestedRows<R> build() {
            return new UnnestedRows<>(columns);
        }
    }
}
