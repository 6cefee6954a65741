package io.uplink.callback.fanout;

import io.uplink.contracts.FileEvent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Turns an event into one message and one pending delivery per matching enabled endpoint of its tenant, in one
 * statement, so a crash leaves either both or neither. A repeated event id is recognised and changes nothing.
 */
@Component
public class MessageFanOut {

    private final JdbcClient jdbc;

    public MessageFanOut(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One statement, so one round trip and atomic without an explicit transaction: the message and its
     * deliveries are stored together or not at all. (A transaction around two statements cost three round
     * trips per event and capped fan-out below the delivery rate.)
     */
    public FanOutResult record(FileEvent event) {
        UUID messageId = UUID.randomUUID();
        Map<String, Object> counts = jdbc.sql("""
                        with message as (
                            insert into messages (id, event_id, tenant_id, event_type, payload, occurred_at)
                            values (:id, :eventId, :tenantId, :type, :payload, :occurredAt)
                            on conflict (event_id) do nothing
                            returning id),
                        delivery as (
                            insert into deliveries (id, message_id, endpoint_id, tenant_id, next_attempt_at)
                            select gen_random_uuid(), message.id, e.id, e.tenant_id, now()
                            from message
                            join endpoints e on e.tenant_id = :tenantId and e.enabled
                             and (cardinality(e.event_types) = 0 or :type = any (e.event_types))
                            on conflict (message_id, endpoint_id) do nothing
                            returning 1)
                        select (select count(*) from message) as messages, (select count(*) from delivery) as deliveries""")
                .param("id", messageId)
                .param("eventId", event.eventId())
                .param("tenantId", event.tenantId())
                .param("type", event.type())
                .param("payload", WebhookPayload.of(event).toJson())
                .param("occurredAt", OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC))
                .query().singleRow();
        if (((Number) counts.get("messages")).intValue() == 0) {
            return FanOutResult.duplicate(event.eventId());
        }
        return new FanOutResult(event.eventId(), messageId, false, ((Number) counts.get("deliveries")).intValue());
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

    /** @param messageId null for a duplicate: the message recorded the first time stands */
    public record FanOutResult(UUID eventId, UUID messageId, boolean duplicate, int deliveries) {

        static FanOutResult duplicate(UUID eventId) {
            return new FanOutResult(eventId, null, true, 0);
        }
    }
}
