package io.uplink.metadata.outbox;

import io.uplink.contracts.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.uplink.servlet.trace.RecordTracing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a Debezium change event of {@code metadata.outbox} into the Kafka record callback-service consumes: the
 * row's {@code payload} (the complete {@code FileEvent} JSON) as value, keyed by {@code aggregate_id} (the file id)
 * so the events of one file stay in order. Rows of aggregate type {@code tenant} ({@code TenantEvent}s, keyed by the
 * tenant) go to {@link Topics#TENANTS_EVENTS}, every other row to the files topic. Only inserts into the outbox are
 * relayed; the deletes the relay itself issues after relaying, heartbeat rows and Debezium's own heartbeat records
 * are ignored.
 */
public final class OutboxRecordMapper {

    public static final String EVENT_ID_HEADER = "uplink-event-id";
    public static final String EVENT_TYPE_HEADER = "uplink-event-type";

    private final String topic;

    public OutboxRecordMapper(String topic) {
        this.topic = topic;
    }

    /** The aggregate type of the rows that go to {@link Topics#TENANTS_EVENTS}. */
    public static final String TENANT_AGGREGATE = "tenant";

    public Optional<OutboxRow> row(SourceRecord change) {
        if (!(change.value() instanceof Struct envelope) || envelope.schema().field("op") == null) {
            return Optional.empty();
        }
        Struct source = envelope.schema().field("source") == null ? null : envelope.getStruct("source");
        if (source == null || !"outbox".equals(source.getString("table"))) {
            return Optional.empty();
        }
        String op = envelope.getString("op");
        if (!"c".equals(op) && !"r".equals(op)) {
            return Optional.empty();
        }
        Struct after = envelope.getStruct("after");
        String traceparent = after.schema().field(RecordTracing.TRACEPARENT) == null ? null
                : after.getString(RecordTracing.TRACEPARENT);
        Long committedAt = source.schema().field("ts_ms") == null ? null : source.getInt64("ts_ms");
        return Optional.of(new OutboxRow(after.getString("id"), after.getString("aggregate_type"),
                after.getString("aggregate_id"), after.getString("type"), after.getString("payload"), traceparent,
                committedAt == null ? null : Instant.ofEpochMilli(committedAt)));
    }

    public ProducerRecord<String, byte[]> toProducerRecord(OutboxRow row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EVENT_ID_HEADER, row.id().getBytes(StandardCharsets.UTF_8));
        headers.add(EVENT_TYPE_HEADER, row.type().getBytes(StandardCharsets.UTF_8));
        String destination = TENANT_AGGREGATE.equals(row.aggregateType()) ? Topics.TENANTS_EVENTS : topic;
        return new ProducerRecord<>(destination, null, row.aggregateId(),
                row.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * The columns of an outbox row the relay needs.
     *
     * @param traceparent the trace the event continues; null: none
     * @param committedAt when the row's transaction committed, as the change event's source says; null when unknown
     */
    public record OutboxRow(String id, String aggregateType, String aggregateId, String type, String payload,
                            String traceparent, Instant committedAt) {
    }
}
