package io.uplink.metadata.outbox;

import io.uplink.metadata.sql.UnnestParameters;
import io.uplink.servlet.trace.RecordTracing;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The only way into {@code metadata.outbox}. Writers add their events inside the transaction that changes the state
 * the events describe, so an event is relayed if and only if that change commits. Refuses to write outside a
 * transaction: there the event and the change could part. Each row keeps the trace context its event continues, which
 * the relay's record carries on.
 */
@Component
public class Outbox {

    private static final String INSERT_ONE = "insert into metadata.outbox (id, aggregate_type, aggregate_id, type,"
            + " tenant_id, payload, traceparent) values (?, ?, ?, ?, ?, ?, ?)";

    // One statement for a whole batch, its rows in list order (unnest steps through the arrays in order).
    private static final String INSERT_ALL = "insert into metadata.outbox (id, aggregate_type, aggregate_id, type,"
            + " tenant_id, payload, traceparent) select id, aggregate_type, aggregate_id, type, tenant_id,"
            + " payload, traceparent"
            + " from " + UnnestParameters.rows("id uuid", "aggregate_type text", "aggregate_id text", "type text",
                    "tenant_id text", "payload text", "traceparent text") + " t";

    private final JdbcTemplate jdbc;
    private final RecordTracing tracing;

    public Outbox(JdbcTemplate jdbc, RecordTracing tracing) {
        this.jdbc = jdbc;
        this.tracing = tracing;
    }

    public void add(ExportedEvent event) {
        requireTransaction();
        jdbc.update(INSERT_ONE, event.id(), event.aggregateType(), event.aggregateId(), event.type(),
                event.tenantId(), event.payload(), traceparentOf(event));
    }

    public void addAll(List<? extends ExportedEvent> events) {
        requireTransaction();
        if (events.isEmpty()) {
            return;
        }
        jdbc.execute((Connection connection) -> insertAll(connection, events));
    }

    /** The event's own trace, else the writer's current span's (the request that changed the state). */
    private String traceparentOf(ExportedEvent event) {
        return event.traceparent() != null ? event.traceparent() : tracing.current();
    }

    private Void insertAll(Connection connection, List<? extends ExportedEvent> events) throws SQLException {
        String writers = tracing.current(); // one writer, one current span, for the whole batch
        try (PreparedStatement statement = connection.prepareStatement(INSERT_ALL)) {
            UnnestParameters.<ExportedEvent>of(connection, statement, events)
                    .uuid(ExportedEvent::id)
                    .text(ExportedEvent::aggregateType)
                    .text(ExportedEvent::aggregateId)
                    .text(ExportedEvent::type)
                    .text(ExportedEvent::tenantId)
                    .text(ExportedEvent::payload)
                    .text(event -> event.traceparent() != null ? event.traceparent() : writers);
            statement.executeUpdate();
        }
        return null;
    }

    private static void requireTransaction() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outbox events must be added inside the transaction of the change");
        }
    }
}
