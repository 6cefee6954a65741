package io.uplink.metadata.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;

/**
 * Binds one column of a list per array parameter of a statement that {@code unnest}s them, in list order: a whole
 * batch becomes one statement, the fastest way short of {@code COPY} to write many rows. {@link #rows} writes the
 * statement's side.
 */
public final class UnnestParameters<T> {

    private final Connection connection;
    private final PreparedStatement statement;
    private final List<? extends T> rows;
    private int index = 1;

    private UnnestParameters(Connection connection, PreparedStatement statement, List<? extends T> rows) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
    }

    public static <T> UnnestParameters<T> of(Connection connection, PreparedStatement statement, List<? extends T> rows) {
        return new UnnestParameters<>(connection, statement, rows);
    }

    /**
     * The rows of a batch, as a subquery to select from: {@code (select unnest(?::uuid[]) as id, unnest(?::text[]) as
     * tenant_id, …)}, from one {@code "name type"} per column, in binding order. Postgres steps through the arrays
     * together, row by row, as {@code unnest(a, b, …)} in {@code from} would not: that copies each array into a
     * tuplestore of its own first (docs/bench-log.md, "batch inserts step through their arrays"). Arrays of unequal
     * length give the same rows either way, the shorter ones padded with nulls.
     */
    public static String rows(String... columns) {
        StringJoiner select = new StringJoiner(", ", "(select ", ")");
        for (String column : columns) {
            String[] nameAndType = column.trim().split(" +");
            if (nameAndType.length != 2) {
                throw new IllegalArgumentException("expected \"name type\", got \"" + column + "\"");
            }
            select.add("unnest(?::" + nameAndType[1] + "[]) as " + nameAndType[0]);
        }
        return select.toString();
    }

    public UnnestParameters<T> uuid(Function<T, UUID> column) throws SQLException {
        return bind("uuid", column(column, new UUID[rows.size()]));
    }

    public UnnestParameters<T> text(Function<T, String> column) throws SQLException {
        return bind("text", column(column, new String[rows.size()]));
    }

    public UnnestParameters<T> bigint(Function<T, Long> column) throws SQLException {
        return bind("bigint", column(column, new Long[rows.size()]));
    }

    private <V> V[] column(Function<T, V> column, V[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return values;
    }

    private UnnestParameters<T> bind(String type, Object[] values) throws SQLException {
        statement.setArray(index++, connection.createArrayOf(type, values));
        return this;
    }
}
