package io.uplink.callback.fanout;

import io.uplink.contracts.FileEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns events into one message and one pending delivery per matching enabled endpoint of its tenant, a whole
 * batch in one statement, so a crash leaves either both or neither. A repeated event id is recognised and changes nothing.
 */
@Component
public class MessageFanOut {

    private final JdbcClient jdbc;

    public MessageFanOut(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One event: the same as a batch of one. */
    public FanOutResult record(FileEvent event) {
        UUID messageId = UUID.randomUUID();
        BatchResult result = store(List.of(new Row(messageId, event)));
        if (result.messages() == 0) {
            return FanOutResult.duplicate(event.eventId());
        }
        return new FanOutResult(event.eventId(), messageId, false, result.deliveries());
    }

    /**
     * A whole batch in one statement, so one round trip and atomic without an explicit transaction: every message
     * and its deliveries are stored together or nothing is. Events whose id is already stored (or repeated
     * within the batch) change nothing. The endpoints are looked up by the statement itself, so an endpoint
     * created or enabled before the statement runs gets the event, with no cache to go stale.
     */
    public BatchResult recordAll(List<FileEvent> events) {
        Map<UUID, Row> firstOfEachEvent = new LinkedHashMap<>();
        for (FileEvent event : events) {
            firstOfEachEvent.putIfAbsent(event.eventId(), new Row(UUID.randomUUID(), event));
        }
        return store(List.copyOf(firstOfEachEvent.values()));
    }

    private BatchResult store(List<Row> rows) {
        if (rows.isEmpty()) {
            return new BatchResult(0, 0);
        }
        // The batch travels as one array per column, unnested by Postgres: no batch JSON to build, escape each
        // payload into and parse again.
        int n = rows.size();
        UUID[] ids = new UUID[n];
        UUID[] eventIds = new UUID[n];
        String[] tenantIds = new String[n];
        String[] types = new String[n];
        String[] payloads = new String[n];
        // ISO-8601 text, cast by Postgres: the driver has no timestamptz[] binding for Instants
        String[] occurredAt = new String[n];
        for (int i = 0; i < n; i++) {
            FileEvent event = rows.get(i).event();
            ids[i] = rows.get(i).messageId();
            eventIds[i] = event.eventId();
            tenantIds[i] = event.tenantId();
            types[i] = event.type();
            payloads[i] = WebhookPayload.of(event).toJson();
            occurredAt[i] = event.occurredAt().toString();
        }
        Map<String, Object> counts = jdbc.sql("""
                        with input as (
                            select * from unnest(:ids, :eventIds, cast(:tenantIds as text[]), cast(:types as text[]),
                                                 cast(:payloads as text[]), cast(:occurredAt as timestamptz[]))
                                 as r(id, event_id, tenant_id, event_type, payload, occurred_at)),
                        message as (
                            insert into messages (id, event_id, tenant_id, event_type, payload, occurred_at)
                            select id, event_id, tenant_id, event_type, payload, occurred_at from input
                            on conflict (event_id) do nothing
                            returning id, tenant_id, event_type),
                        delivery as (
                            insert into deliveries (id, message_id, endpoint_id, tenant_id, next_attempt_at)
                            select gen_random_uuid(), m.id, e.id, e.tenant_id, now()
                            from message m
                            join endpoints e on e.tenant_id = m.tenant_id and e.enabled
                             and (cardinality(e.event_types) = 0 or m.event_type = any (e.event_types))
                            on conflict (message_id, endpoint_id) do nothing
                            returning 1)
                        select (select count(*) from message) as messages, (select count(*) from delivery) as deliveries""")
                .param("ids", ids).param("eventIds", eventIds).param("tenantIds", tenantIds)
                .param("types", types).param("payloads", payloads).param("occurredAt", occurredAt)
                .query().singleRow();
        return new BatchResult(((Number) counts.get("messages")).intValue(),
                ((Number) counts.get("deliveries")).intValue());
    }

    private record Row(UUID messageId, FileEvent event) {
    }

    private int insertMessage(UUID messageId, FileEvent event) {
        return jdbc.sql("""
                        insert into messages (id, event_id, tenant_id, event_type, payload, occurred_at)
                        values (:id, :eventId, :tenantId, :type, :payload, :occurredAt)
                        on conflict (event_id) do nothing""")
                .param("id", messageId)
                .param("eventId", event.eventId())
                .param("tenantId", event.tenantId())
                .param("type", event.type())
                .param("payload", WebhookPayload.of(event).toJson())
                .param("occurredAt", OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                .update();
    }

    /** A message for one endpoint only, whatever its subscriptions say: test events and manual sends. */
    @Transactional
    public DirectDelivery recordForEndpoint(FileEvent event, UUID endpointId) {
        UUID messageId = UUID.randomUUID();
        UUID deliveryId = UUID.randomUUID();
        insertMessage(messageId, event);
        jdbc.sql("""
                        insert into deliveries (id, message_id, endpoint_id, tenant_id, next_attempt_at)
                        values (:id, :messageId, :endpointId, :tenantId, now())""")
                .param("id", deliveryId).param("messageId", messageId)
                .param("endpointId", endpointId).param("tenantId", event.tenantId())
                .update();
        return new DirectDelivery(messageId, deliveryId);
    }

    public record DirectDelivery(UUID messageId, UUID deliveryId) {
    }

    /** @param messages newly stored (duplicates not counted) */
    public record BatchResult(int messages, int deliveries) {
    }

    /** @param messageId null for a duplicate: the message recorded the first time stands */
    public record FanOutResult(UUID eventId, UUID messageId, boolean duplicate, int deliveries) {

        static FanOutResult duplicate(UUID eventId) {
            return new FanOutResult(eventId, null, true, 0);
        }
    }
}
