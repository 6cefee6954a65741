package io.uplink.metadata.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the publication and the logical replication slot before the service writes its first outbox row: a slot
 * only retains WAL from its creation on, so creating it lazily when a relay first leads would lose the rows
 * written before. Every replica runs this, possibly at the same moment (a rollout, a scaled start): the set-up runs
 * under a session advisory lock, so replicas take turns and each later one finds the objects in place. Catalogue
 * races that slip past the lock (a replica of an older version) still count as "already there": PostgreSQL reports
 * them as 42710 or, for a publication inserted concurrently, as 23505 on its catalogue index.
 */
final class ReplicationSetup {

    private static final String DUPLICATE_OBJECT = "42710";
    private static final String UNIQUE_VIOLATION = "23505";

    private ReplicationSetup() {
    }

    /**
     * What the publication sends: inserts (the outbox rows) and updates (the heartbeat's upsert). Not deletes: the
     * relay deletes every row it has relayed, and decoding, sending and converting those deletes was half the
     * relay's work for nothing.
     */
    static final String PUBLISHED = "insert, update";

    static void ensure(DatabaseSettings database, String publication, String slot) throws SQLException {
        try (Connection connection = database.connect()) {
            lock(connection, "select pg_advisory_lock(?, ?)", publication);
            try {
                ensure(connection, publication, slot);
            } finally {
                lock(connection, "select pg_advisory_unlock(?, ?)", publication);
            }
        }
    }

    private static void lock(Connection connection, String sql, String publication) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, OutboxRelay.LOCK_NAMESPACE);
            statement.setInt(2, ("replication-setup:" + publication).hashCode());
            statement.execute();
        }
    }

    private static void ensure(Connection connection, String publication, String slot) throws SQLException {
        if (!exists(connection, "select 1 from pg_publication where pubname = ?", publication)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("create publication " + identifier(publication)
                        + " for table metadata.outbox, metadata.relay_heartbeat with (publish = '" + PUBLISHED + "')");
            } catch (SQLException e) {
                ignoreDuplicate(e);
            }
        } else if (!exists(connection, "select 1 from pg_publication_tables where pubname = ?"
                + " and schemaname = 'metadata' and tablename = 'relay_heartbeat'", publication)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter publication " + identifier(publication)
                        + " add table metadata.relay_heartbeat");
            } catch (SQLException e) {
                ignoreDuplicate(e);
            }
        }
        if (exists(connection, "select 1 from pg_publication where pubname = ?"
                + " and (pubdelete or pubtruncate)", publication)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("alter publication " + identifier(publication)
                        + " set (publish = '" + PUBLISHED + "')");
            }
        }
        if (!exists(connection, "select 1 from pg_replication_slots where slot_name = ?", slot)) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select pg_create_logical_replication_slot(?, 'pgoutput')")) {
                statement.setString(1, slot);
                statement.execute();
            } catch (SQLException e) {
                ignoreDuplicate(e);
            }
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void ignoreDuplicate(SQLException e) throws SQLException {
        if (!DUPLICATE_OBJECT.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
            throw e;
        }
    }

    private static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        return name;
    }
}
