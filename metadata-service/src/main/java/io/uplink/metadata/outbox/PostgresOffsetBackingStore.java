package io.uplink.metadata.outbox;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.MemoryOffsetBackingStore;

import java.nio.ByteBuffer;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Keeps Debezium's source offsets (the WAL position relayed so far) in {@code metadata.relay_offsets}, so they are
 * as durable as the data they describe and shared by every replica that may become the leader. Debezium only asks
 * to save offsets after the relay has marked records processed, i.e. after Kafka acknowledged them.
 */
public class PostgresOffsetBackingStore extends MemoryOffsetBackingStore {

    public static final String JDBC_URL = "uplink.offset.jdbc.url";
    public static final String JDBC_USER = "uplink.offset.jdbc.user";
    public static final String JDBC_PASSWORD = "uplink.offset.jdbc.password";
    public static final String RELAY_NAME = "uplink.offset.relay.name";

    private String url;
    private String user;
    private String password;
    private String relayName;
    private StandingConnection connection;

    @Override
    public void configure(WorkerConfig config) {
        super.configure(config);
        Map<String, String> originals = config.originalsStrings();
        url = require(originals, JDBC_URL);
        user = originals.get(JDBC_USER);
        password = originals.get(JDBC_PASSWORD);
        relayName = require(originals, RELAY_NAME);
        connection = new StandingConnection(() -> DriverManager.getConnection(url, user, password));
    }

    @Override
    public synchronized void start() {
        super.start();
        data = load();
    }

    @Override
    public synchronized void stop() {
        super.stop();
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    @Override
    protected void save() {
        String upsert = """
                insert into metadata.relay_offsets (relay_name, offset_key, offset_value, updated_at)
                values (?, ?, ?, now())
                on conflict (relay_name, offset_key)
                do update set offset_value = excluded.offset_value, updated_at = now()
                """;
        try {
            connection.use(open -> {
                open.setAutoCommit(false);
                try (PreparedStatement statement = open.prepareStatement(upsert)) {
                    for (Map.Entry<ByteBuffer, ByteBuffer> entry : data.entrySet()) {
                        statement.setString(1, relayName);
                        statement.setBytes(2, bytes(entry.getKey()));
                        statement.setBytes(3, bytes(entry.getValue()));
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
                open.commit();
                open.setAutoCommit(true);
                return null;
            });
        } catch (SQLException e) {
            throw new ConnectException("could not save relay offsets", e);
        }
    }

    private Map<ByteBuffer, ByteBuffer> load() {
        Map<ByteBuffer, ByteBuffer> loaded = new HashMap<>();
        try {
            connection.use(open -> {
                try (PreparedStatement statement = open.prepareStatement(
                        "select offset_key, offset_value from metadata.relay_offsets where relay_name = ?")) {
                    statement.setString(1, relayName);
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            byte[] value = rows.getBytes(2);
                            loaded.put(ByteBuffer.wrap(rows.getBytes(1)), value == null ? null : ByteBuffer.wrap(value));
                        }
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            throw new ConnectException("could not load relay offsets", e);
        }
        return loaded;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static String require(Map<String, String> config, String name) {
        String value = config.get(name);
        if (value == null || value.isBlank()) {
            throw new ConnectException(name + " is required");
        }
        return value;
    }
}
