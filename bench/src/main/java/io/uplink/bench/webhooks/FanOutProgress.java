package io.uplink.bench.webhooks;

import io.uplink.testsupport.PostgresEndpoint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Where a round's time goes: when the last delivery row of the round was stored (fan-out done) as against when the
 * last webhook arrived; diagnostic output only. Asked once, after the round, from the rows' own {@code created_at}
 * (the storing transaction's start, Postgres's clock on this same machine): polling a count during the round would
 * scan the whole deliveries table every 20 ms on the cores the service is measured on.
 */
final class FanOutProgress implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement lastStored;

    FanOutProgress(PostgresEndpoint postgres) throws SQLException {
        connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
        // a message and its deliveries are stored by one statement (one now()); messages are indexed by tenant and
        // time, deliveries are not, and a scan of them took 60 ms of each round once 400,000 rows had piled up
        lastStored = connection.prepareStatement("select max(created_at) from callback.messages where tenant_id = ?");
    }

    /** When the tenant's newest message and its deliveries were stored, or null when it has none. */
    Instant lastStoredOf(String tenantId) throws SQLException {
        lastStored.setString(1, tenantId);
        try (ResultSet rows = lastStored.executeQuery()) {
            rows.next();
            Timestamp newest = rows.getTimestamp(1);
            return newest == null ? null : newest.toInstant();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
