package io.uplink.testsupport;

/** How to reach a running PostgreSQL. */
public record PostgresEndpoint(String host, int port, String database, String username, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
