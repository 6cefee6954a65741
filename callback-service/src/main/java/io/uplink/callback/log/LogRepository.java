package io.uplink.callback.log;

import io.uplink.callback.log.LogViews.AttemptView;
import io.uplink.callback.log.LogViews.DeliveryView;
import io.uplink.callback.log.LogViews.MessageView;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Tenant-scoped reads of messages and attempts, and the re-queueing behind resend and recover. */
@Repository
class LogRepository {

    private static final RowMapper<MessageView> MESSAGES = (rs, row) -> new MessageView(
            rs.getObject("id", UUID.class), rs.getObject("event_id", UUID.class), rs.getString("event_type"),
            instant(rs.getTimestamp("occurred_at")), instant(rs.getTimestamp("created_at")), rs.getString("payload"));
    private static final RowMapper<DeliveryView> DELIVERIES = (rs, row) -> new DeliveryView(
            rs.getObject("id", UUID.class), rs.getObject("message_id", UUID.class),
            rs.getObject("endpoint_id", UUID.class), rs.getString("status"), rs.getInt("attempt_count"),
            instant(rs.getTimestamp("next_due")), instant(rs.getTimestamp("last_attempt_at")),
            (Integer) rs.getObject("last_status_code"), rs.getString("last_error"));
    private static final RowMapper<AttemptView> ATTEMPTS = (rs, row) -> new AttemptView(
            rs.getObject("id", UUID.class), rs.getObject("delivery_id", UUID.class),
            rs.getObject("message_id", UUID.class), rs.getObject("endpoint_id", UUID.class),
            rs.getInt("attempt_number"), rs.getString("outcome"), (Integer) rs.getObject("status_code"),
            rs.getInt("latency_ms"), rs.getString("response_snippet"), rs.getString("error"),
            instant(rs.getTimestamp("attempted_at")));

    private final JdbcClient jdbc;

    LogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<MessageView> messages(String tenantId, String eventType, Instant since, Instant until, PageCursor after,
                               int limit) {
        return jdbc.sql("""
                        select * from messages
                        where tenant_id = :tenantId
                          and (cast(:eventType as text) is null or event_type = :eventType)
                          and (cast(:since as timestamptz) is null or created_at >= :since)
                          and (cast(:until as timestamptz) is null or created_at < :until)
                          and (cast(:afterAt as timestamptz) is null or (created_at, id) < (:afterAt, :afterId))
                        order by created_at desc, id desc
                        limit :limit""")
                .param("tenantId", tenantId).param("eventType", eventType)
                .param("since", ts(since)).param("until", ts(until))
                .param("afterAt", after == null ? null : ts(after.at()))
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query(MESSAGES).list();
    }

    Optional<MessageView> message(String tenantId, UUID id) {
        return jdbc.sql("select * from messages where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId).param("id", id).query(MESSAGES).optional();
    }

    List<DeliveryView> deliveriesOf(String tenantId, UUID messageId) {
        return jdbc.sql("""
                        select *, nullif(next_attempt_at, 'infinity') as next_due from deliveries
                        where tenant_id = :tenantId and message_id = :id order by created_at, id""")
                .param("tenantId", tenantId).param("id", messageId).query(DELIVERIES).list();
    }

    List<AttemptView> attempts(String tenantId, UUID endpointId, UUID messageId, String outcome, Integer statusCode,
                               Instant since, PageCursor after, int limit) {
        return jdbc.sql("""
                        select * from attempts
                        where tenant_id = :tenantId
                          and (cast(:endpointId as uuid) is null or endpoint_id = :endpointId)
                          and (cast(:messageId as uuid) is null or message_id = :messageId)
                          and (cast(:outcome as text) is null or outcome = :outcome)
                          and (cast(:statusCode as integer) is null or status_code = :statusCode)
                          and (cast(:since as timestamptz) is null or attempted_at >= :since)
                          and (cast(:afterAt as timestamptz) is null or (attempted_at, id) < (:afterAt, :afterId))
                        order by attempted_at desc, id desc
                        limit :limit""")
                .param("tenantId", tenantId).param("endpointId", endpointId).param("messageId", messageId)
                .param("outcome", outcome).param("statusCode", statusCode).param("since", ts(since))
                .param("afterAt", after == null ? null : ts(after.at()))
                .param("afterId", after == null ? null : after.id())
                .param("limit", limit)
                .query(ATTEMPTS).list();
    }

    /** Due now with a fresh schedule; the attempts already made stay in the log. */
    int requeueMessage(String tenantId, UUID messageId, UUID endpointId) {
        return jdbc.sql("""
                        update deliveries set status = 'pending', attempt_count = 0, next_attempt_at = now(),
                               locked_until = null, updated_at = now()
                        where tenant_id = :tenantId and message_id = :messageId
                          and (cast(:endpointId as uuid) is null or endpoint_id = :endpointId)
                          and status <> 'pending'""")
                .param("tenantId", tenantId).param("messageId", messageId).param("endpointId", endpointId)
                .update();
    }

    int requeueFailed(String tenantId, UUID endpointId, Instant since) {
        return jdbc.sql("""
                        update deliveries set status = 'pending', attempt_count = 0, next_attempt_at = now(),
                               locked_until = null, updated_at = now()
                        where tenant_id = :tenantId and endpoint_id = :endpointId and status = 'failed'
                          and created_at >= :since""")
                .param("tenantId", tenantId).param("endpointId", endpointId).param("since", ts(since))
                .update();
    }

    boolean endpointExists(String tenantId, UUID endpointId) {
        return jdbc.sql("select count(*) from endpoints where tenant_id = :tenantId and id = :id")
                .param("tenantId", tenantId).param("id", endpointId).query(Integer.class).single() > 0;
    }

    int deleteAttemptsBefore(Instant cutoff) {
        return jdbc.sql("delete from attempts where attempted_at < :cutoff").param("cutoff", ts(cutoff)).update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
