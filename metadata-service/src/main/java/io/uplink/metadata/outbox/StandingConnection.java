package io.uplink.metadata.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection kept open for the relay's small, frequent writes (its offsets, the deletes of relayed rows):
 * opening a PostgreSQL connection per batch costs a backend process and an authentication every time. A failure
 * drops the connection, so the next use opens a fresh one.
 */
final class StandingConnection implements AutoCloseable {

    /** Work done on the connection; an {@link SQLException} drops it. */
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /** Opens a new connection. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(StandingConnection.class);

    private final Opener opener;
    private Connection connection;

    StandingConnection(Opener opener) {
        this.opener = opener;
    }

    /**
     * Runs the work on the standing connection. When a connection that had been idle turns out to be gone (the
     * server restarted, a pooler or firewall closed it), the work runs once more on a fresh one, so the work must be
     * safe to repeat: every use here is an upsert or a delete.
     */
    synchronized <T> T use(Work<T> work) throws SQLException {
        boolean reused = connection != null && !connection.isClosed();
        try {
            return attempt(work);
        } catch (SQLException e) {
            if (reused && isConnectionLost(e)) {
                return attempt(work);
            }
            throw e;
        }
    }

    /** The work on the open connection (opened first if there is none); any failure drops it. */
    private <T> T attempt(Work<T> work) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = opener.open();
        }
        try {
            return work.on(connection);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server ended the session or is not there). */
    private static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("closing a relay connection failed", e);
            }
            connection = null;
        }
    }
}
