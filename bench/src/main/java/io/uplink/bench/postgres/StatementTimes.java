package io.uplink.bench.postgres;

import io.uplink.testsupport.PostgresEndpoint;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Where Postgres spends its time, statement by statement ({@code pg_stat_statements}): only in a profiling run,
 * {@code UPLINK_BENCH_PG_STATEMENTS=1}, which starts the run's Postgres with the extension preloaded. A benchmark
 * resets the counters before its work and prints the statements that took the most execution time, per operation.
 */
public final class StatementTimes {

    public static final String ENV = "UPLINK_BENCH_PG_STATEMENTS";
    private static final int SHOWN = 8;
    private static final int QUERY_CHARACTERS = 140;

    private final PostgresEndpoint postgres;

    private StatementTimes(PostgresEndpoint postgres) {
        this.postgres = postgres;
    }

    /** Whether this run profiles statements. */
    public static boolean enabled() {
        String value = System.getenv(ENV);
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /** The server settings a profiling run's Postgres starts with. */
    public static Map<String, String> serverSettings() {
        return enabled() ? Map.of("shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all")
                : Map.of();
    }

    /** Counters of the statements run from now on, or a no-op when this run does not profile. */
    public static StatementTimes startingNow(PostgresEndpoint postgres) throws SQLException {
        StatementTimes times = new StatementTimes(postgres);
        if (enabled()) {
            times.execute("create extension if not exists pg_stat_statements");
            times.execute("select pg_stat_statements_reset()");
        }
        return times;
    }

    /** Prints the statements that took the most execution time since {@link #startingNow}, per operation. */
    public void print(PrintStream log, long operations, String operation) throws SQLException {
        if (!enabled() || operations == 0) {
            return;
        }
        log.printf("    Postgres statements by execution time per %s (%,d of them, warm-up included; calls and rows"
                + " per %s):%n", operation, operations, operation);
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select total_exec_time, calls, rows, query"
                     + " from pg_stat_statements order by total_exec_time desc limit " + SHOWN)) {
            while (rows.next()) {
                String query = rows.getString("query").replaceAll("\\s+", " ");
                log.printf("      %7.1f µs  %5.2f calls  %6.2f rows  %s%n",
                        rows.getDouble("total_exec_time") * 1000 / operations, rows.getDouble("calls") / operations,
                        rows.getDouble("rows") / operations,
                        query.length() > QUERY_CHARACTERS ? query.substring(0, QUERY_CHARACTERS) + "…" : query);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
