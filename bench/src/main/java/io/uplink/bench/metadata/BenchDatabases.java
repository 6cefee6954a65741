package io.uplink.bench.metadata;

import io.uplink.testsupport.PostgresEndpoint;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh database per benchmark in the shared embedded Postgres, so that each starts from an empty schema. */
final class BenchDatabases {

    private BenchDatabases() {
    }

    static PostgresEndpoint fresh(PostgresEndpoint server, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        return new PostgresEndpoint(server.host(), server.port(), name, server.username(), server.password());
    }

    static Connection connect(PostgresEndpoint database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
