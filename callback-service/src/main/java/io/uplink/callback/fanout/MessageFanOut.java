package io.uplink.callback.fanout;

import io.uplink.callback.delivery.ClaimedDelivery;
import io.uplink.callback.delivery.DeliveryHandOff;
import io.uplink.callback.delivery.EndpointRooms;
import io.uplink.callback.secretstore.SecretCipher;
import io.uplink.callback.unnest.UnnestedRows;
import io.uplink.contracts.FileEvent;
import io.uplink.service.ids.TimeOrderedIds;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
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

    private static final UnnestedRows<Row> MESSAGES = UnnestedRows.<Row>columns()
            .uuid("ids", Row::messageId)
            .uuid("eventIds", row -> row.event().eventId())
            .text("tenantIds", row -> row.event().tenantId())
            .text("types", row -> row.event().type())
            .text("payloads", Row::payload)
            .timestamptz("occurredAt", row -> row.event().occurredAt())
            .text("traceparents", Row::traceparent)
            .build();
    /**
     * Messages, their deliveries (those leased to this instance with what sending them needs) and the counts, in one
     * statement. Deliveries are inserted only for the messages the statement itself inserted, so none can exist
     * already: their insert needs no {@code on conflict} check (a speculative insertion per row), and the unique
     * {@code (message_id, endpoint_id)} constraint stays as the guard.
     */
    private static final String FAN_OUT = """
            with input as (
                select * from %s
                     as r(id, event_id, tenant_id, event_type, payload, occurred_at, traceparent)),
            room as (
                select * from %s as r(endpoint_id, room)),
            message as (
                insert into messages (id, event_id, tenant_id, event_type, payload, occurred_at, traceparent)
                select id, event_id, tenant_id, event_type, payload, occurred_at, traceparent from input
                on conflict (event_id) do nothing
                returning id, tenant_id, event_type),
            delivery as (
                insert into deliveries (id, message_id, endpoint_id, tenant_id, next_attempt_at, locked_until)
                select uuid_v7(), t.message_id, t.endpoint_id, t.tenant_id,
                       case when t.leased then now() + make_interval(secs => :leaseSeconds) else now() end,
                       case when t.leased then now() + make_interval(secs => :leaseSeconds) end
                from (select w.message_id, w.endpoint_id, w.tenant_id,
                             w.within_room and count(*) filter (where w.within_room)
                                 over (order by w.message_id, w.endpoint_id) <= :leasable as leased
                      from (select m.id as message_id, e.id as endpoint_id, e.tenant_id,
                                   row_number() over (partition by e.id order by m.id)
                                       <= coalesce(r.room, :fullRoom) as within_room
                            from message m
                            join endpoints e on e.tenant_id = m.tenant_id and e.enabled
                             and (cardinality(e.event_types) = 0 or m.event_type = any (e.event_types))
                            left join room r on r.endpoint_id = e.id) w) t
                returning id, message_id, endpoint_id, tenant_id, locked_until is not null as leased)
            select c.messages, c.deliveries, l.*
            from (select (select count(*) from message) as messages,
                         (select count(*) from delivery) as deliveries) c
            left join (select d.id, d.message_id, d.endpoint_id, d.tenant_id, e.url,
                              e.rate_limit_per_second, e.secret, e.previous_secret,
                              e.previous_secret_expires_at
                       from delivery d join endpoints e on e.id = d.endpoint_id
                       where d.leased) l on true""".formatted(MESSAGES.rows(), EndpointRooms.rows());

    private final JdbcClient jdbc;
    private final DeliveryHandOff handOff;
    private final SecretCipher secrets;
    private final DeliveriesPerEvent deliveriesPerEvent = new DeliveriesPerEvent();

    public MessageFanOut(JdbcClient jdbc, DeliveryHandOff handOff, SecretCipher secrets) {
        this.jdbc = jdbc;
        this.handOff = handOff;
        this.secrets = secrets;
    }

    /** One event: the same as a batch of one. */
    public FanOutResult record(FileEvent event) {
        Row row = Row.of(new ConsumedEvent(event, null));
        BatchResult result = store(List.of(row));
        if (result.messages() == 0) {
            return FanOutResult.duplicate(event.eventId());
        }
        return new FanOutResult(event.eventId(), row.messageId(), false, result.deliveries());
    }

    /**
     * A whole batch in one statement, so one round trip and atomic without an explicit transaction: every message
     * and its deliveries are stored together or nothing is. Events whose id is already stored (or repeated
     * within the batch) change nothing. The endpoints are looked up by the statement itself, so an endpoint
     * created or enabled before the statement runs gets the event, with no cache to go stale.
     */
    public BatchResult recordAll(List<ConsumedEvent> events) {
        Map<UUID, Row> firstOfEachEvent = new LinkedHashMap<>();
        for (ConsumedEvent event : events) {
            firstOfEachEvent.computeIfAbsent(event.event().eventId(), id -> Row.of(event));
        }
        return store(List.copyOf(firstOfEachEvent.values()));
    }

    private BatchResult store(List<Row> rows) {
        if (rows.isEmpty()) {
            return new BatchResult(0, 0);
        }
        int n = rows.size();
        Map<UUID, ClaimedDelivery.Message> messages = new HashMap<>(n * 2);
        for (Row row : rows) {
            messages.put(row.messageId(),
                    new ClaimedDelivery.Message(row.payload(), row.traceparent(), row.event().occurredAt()));
        }
        // As many new deliveries as this instance's worker has room for (in all, and of each endpoint) are stored
        // already leased to it and handed over once the statement has committed them: their first attempt needs no
        // claim. The endpoints are matched by the statement, so how many deliveries the batch makes is guessed from
        // the batches before it (at least one per event); the rest are claimed as usual.
        DeliveryHandOff.Reservation reservation = handOff.reserve(deliveriesPerEvent.expectedFor(n));
        List<ClaimedDelivery> leased = new ArrayList<>(reservation.deliveries());
        int[] counts = new int[2];
        try {
            reservation.rooms().bind(MESSAGES.bind(jdbc.sql(FAN_OUT), rows))
                    .param("leasable", reservation.deliveries())
                    .param("leaseSeconds", reservation.lease().toMillis() / 1000.0)
                    .query((RowCallbackHandler) rs -> {
                        counts[0] = rs.getInt("messages");
                        counts[1] = rs.getInt("deliveries");
                        if (rs.getObject("id") != null) {
                            // unreadable secret: not handed over, the delivery comes back when its lease ends
                            ClaimedDelivery delivery = ClaimedDelivery.readIfSecretsOpen(rs, 0,
                                    messages.get(rs.getObject("message_id", UUID.class)), secrets);
                            if (delivery != null) {
                                leased.add(delivery);
                            }
                        }
                    });
        } finally {
            // nothing is handed over when the statement failed; the reserved room goes back either way
            handOff.handOver(reservation, leased);
        }
        deliveriesPerEvent.observe(counts[0], counts[1]);
        return new BatchResult(counts[0], counts[1]);
    }

    /** An event as consumed, with the trace context of its consumer span (null: none). */
    public record ConsumedEvent(FileEvent event, String traceparent) {
    }

    /** An event to store, with its message's id, the payload its webhooks carry and the trace they continue. */
    private record Row(UUID messageId, FileEvent event, String payload, String traceparent) {

        static Row of(ConsumedEvent consumed) {
            return new Row(TimeOrderedIds.next(), consumed.event(), WebhookPayload.of(consumed.event()).toJson(),
                    consumed.traceparent());
        }
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
        UUID messageId = TimeOrderedIds.next();
        UUID deliveryId = TimeOrderedIds.next();
        if (insertMessage(messageId, event) == 0) {
            // its delivery would have no message: the message and its deliveries come from the first storing
            throw new IllegalArgumentException("event " + event.eventId() + " is already stored as a message");
        }
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
