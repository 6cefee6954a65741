package io.uplink.bench.webhooks;

import io.uplink.testsupport.PostgresEndpoint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Where a round's time goes: when the last delivery row of the round was stored (fan-out done) as against when the
 * last webhook arrived. Polls callback.deliveries every 20 ms on its own connection; diagnostic output only.
 */
final class FanOutProgress implements AutoCloseable {

    private final Connection connection;
    private final PreparedStatement count;

    FanOutProgress(PostgresEndpoint postgres) throws SQLException {
        connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
        count = connection.prepareStatement("select count(*) from callback.deliveries where tenant_id = ?");
    }

    long deliveriesOf(String tenantId) throws SQLException {
        count.setString(1, tenantId);
        try (ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** @return {@link System#nanoTime()} when at least {@code expected} deliveries of the tenant were stored */
    long awaitDeliveries(String tenantId, long expected) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (deliveriesOf(tenantId) < expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("fan-out incomplete after 90 s");
            }
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
