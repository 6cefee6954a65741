package io.uplink.metadata.sql;

import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnnestParametersTest {

    private record Row(UUID id, String name, Long size) {
    }

    @Test
    void rowsAreOneUnnestPerColumnInBindingOrderEachCastToItsType() {
        assertThat(UnnestParameters.rows("id uuid", "name text", " size  bigint "))
                .isEqualTo("(select unnest(?::uuid[]) as id, unnest(?::text[]) as name, unnest(?::bigint[]) as size)");
        assertThatThrownBy(() -> UnnestParameters.rows("id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"name type\"");
    }

    @Test
    void postgresGivesBackTheBoundRowsInListOrderNullsIncluded() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new Row(UUID.randomUUID(), i % 7 == 0 ? null : "name-" + i + " \"quoted\", {braced}",
                    i % 5 == 0 ? null : (long) i * 1_000_003));
        }
        String sql = "select id, name, size from " + UnnestParameters.rows("id uuid", "name text", "size bigint") + " t";

        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            UnnestParameters.of(connection, statement, rows).uuid(Row::id).text(Row::name).bigint(Row::size);
            assertThat(read(statement)).containsExactlyElementsOf(rows);
        }
    }

    @Test
    void aShorterArrayIsPaddedWithNullsAsTheMultiArgumentUnnestInFromWouldPadIt() throws Exception {
        String[] names = {"a", "b", "c"};
        Long[] sizes = {1L};
        String projected = "select name, size from " + UnnestParameters.rows("name text", "size bigint") + " t";
        String scanned = "select name, size from unnest(?::text[], ?::bigint[]) as t(name, size)";

        try (Connection connection = connect()) {
            assertThat(rowsOf(connection, projected, names, sizes))
                    .isEqualTo(rowsOf(connection, scanned, names, sizes))
                    .containsExactly(Arrays.asList("a", 1L), Arrays.asList("b", null), Arrays.asList("c", null));
        }
    }

    private static List<List<Object>> rowsOf(Connection connection, String sql, String[] names, Long[] sizes)
            throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", names));
            statement.setArray(2, connection.createArrayOf("bigint", sizes));
            List<List<Object>> result = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(Arrays.asList(rs.getString(1), rs.getObject(2)));
                }
            }
            return result;
        }
    }

    private static List<Row> read(PreparedStatement statement) throws Exception {
        List<Row> read = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                read.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), (Long) rs.getObject(3)));
            }
        }
        return read;
    }

    private static Connection connect() throws Exception {
        PostgresEndpoint postgres = SharedInfrastructure.postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
