package io.uplink.metadata.outbox;

import io.uplink.testsupport.Infra;
import io.uplink.testsupport.PostgresEndpoint;
import io.uplink.testsupport.UplinkInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The relay's offsets and deletes go over one connection that stays open between batches, and a connection the
 * server dropped is replaced at the next use rather than failing every batch after it.
 */
@UplinkInfrastructure(Infra.POSTGRES)
class StandingConnectionTest {

    private DatabaseSettings database;
    private final AtomicInteger opened = new AtomicInteger();

    @BeforeEach
    void database(PostgresEndpoint postgres) {
        database = new DatabaseSettings(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    @Test
    void consecutiveUsesShareOneServerSession() throws SQLException {
        try (StandingConnection connection = new StandingConnection(this::open)) {
            int first = connection.use(StandingConnectionTest::backendPid);
            int second = connection.use(StandingConnectionTest::backendPid);

            assertThat(second).isEqualTo(first);
            assertThat(opened).hasValue(1);
        }
    }

    @Test
    void aSessionTheServerEndedIsReplacedAndTheWorkDoneOnTheNewOne() throws SQLException {
        try (StandingConnection connection = new StandingConnection(this::open);
             Connection admin = database.connect()) {
            int first = connection.use(StandingConnectionTest::backendPid);
            terminate(admin, first);

            int replaced = connection.use(StandingConnectionTest::backendPid);

            assertThat(replaced).isNotEqualTo(first);
            assertThat(opened).hasValue(2);
        }
    }

    @Test
    void aFailureOfTheWorkItselfIsNotRepeatedButStillDropsTheConnection() throws SQLException {
        try (StandingConnection connection = new StandingConnection(this::open)) {
            int first = connection.use(StandingConnectionTest::backendPid);
            AtomicInteger attempts = new AtomicInteger();

            assertThatThrownBy(() -> connection.use(open -> {
                attempts.incrementAndGet();
                try (PreparedStatement statement = open.prepareStatement("select 1 / 0")) {
                    return statement.execute();
                }
            })).isInstanceOf(SQLException.class).hasMessageContaining("division by zero");

            assertThat(attempts).hasValue(1);
            assertThat(connection.use(StandingConnectionTest::backendPid)).isNotEqualTo(first);
        }
    }

    private static void terminate(Connection admin, int backendPid) throws SQLException {
        try (PreparedStatement terminate = admin.prepareStatement("select pg_terminate_backend(?, 5000)")) {
            terminate.setInt(1, backendPid);
            terminate.execute();
        }
    }

    private Connection open() throws SQLException {
        opened.incrementAndGet();
        return database.connect();
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_backend_pid()");
             ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }
}
