package io.uplink.metadata.outbox;

import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Where the relay's own connections (leader lock, WAL stream, offsets) go: the service's database. */
public record DatabaseSettings(String jdbcUrl, String username, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** host, port and database name as Debezium wants them, parsed by the driver that also uses the URL */
    Properties debeziumConnection() {
        Properties parsed = Driver.parseURL(jdbcUrl, null);
        if (parsed == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        Properties connection = new Properties();
        connection.setProperty("database.hostname", parsed.getProperty("PGHOST").split(",")[0]);
        connection.setProperty("database.port", parsed.getProperty("PGPORT", "5432").split(",")[0]);
        connection.setProperty("database.dbname", parsed.getProperty("PGDBNAME"));
        connection.setProperty("database.user", username);
        connection.setProperty("database.password", password == null ? "" : password);
        return connection;
    }
}
