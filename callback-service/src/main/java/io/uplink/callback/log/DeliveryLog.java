package io.uplink.callback.log;

import io.uplink.callback.endpoint.EndpointNotFoundException;
import io.uplink.callback.endpoint.InvalidEndpointException;
import io.uplink.callback.log.LogViews.AttemptView;
import io.uplink.callback.log.LogViews.MessageDetail;
import io.uplink.callback.log.LogViews.MessageView;
import io.uplink.callback.log.LogViews.Page;
import io.uplink.callback.log.LogViews.Requeued;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reading the delivery history of a tenant, and sending again what failed. */
@Service
class DeliveryLog {

    static final int MAX_PAGE = 100;
    private static final Set<String> OUTCOMES = Set.of("succeeded", "failed");

    private final LogRepository log;

    DeliveryLog(LogRepository log) {
        this.log = log;
    }

    Page<MessageView> messages(String tenantId, String eventType, Instant since, Instant until, String cursor,
                               int limit) {
        int size = pageSize(limit);
        List<MessageView> rows = log.messages(tenantId, eventType, since, until, PageCursor.decode(cursor), size + 1);
        List<MessageView> data = rows.stream().limit(size).toList();
        String next = rows.size() > size
                ? new PageCursor(data.get(size - 1).createdAt(), data.get(size - 1).id()).encode() : null;
        return new Page<>(data, next);
    }

    MessageDetail message(String tenantId, UUID id) {
        MessageView message = log.message(tenantId, id).orElseThrow(() -> new MessageNotFoundException(id));
        return new MessageDetail(message, log.deliveriesOf(tenantId, id));
    }

    Page<AttemptView> attempts(String tenantId, UUID endpointId, UUID messageId, String outcome, Integer statusCode,
                               Instant since, String cursor, int limit) {
        if (outcome != null && !OUTCOMES.contains(outcome)) {
            throw new InvalidEndpointException("outcome is one of " + OUTCOMES);
        }
        int size = pageSize(limit);
        List<AttemptView> rows = log.attempts(tenantId, endpointId, messageId, outcome, statusCode, since,
                PageCursor.decode(cursor), size + 1);
        List<AttemptView> data = rows.stream().limit(size).toList();
        String next = rows.size() > size
                ? new PageCursor(data.get(size - 1).attemptedAt(), data.get(size - 1).id()).encode() : null;
        return new Page<>(data, next);
    }

    Requeued resend(String tenantId, UUID messageId, UUID endpointId) {
        log.message(tenantId, messageId).orElseThrow(() -> new MessageNotFoundException(messageId));
        return new Requeued(log.requeueMessage(tenantId, messageId, endpointId));
    }

    Requeued recover(String tenantId, UUID endpointId, Instant since) {
        if (!log.endpointExists(tenantId, endpointId)) {
            throw new EndpointNotFoundException(endpointId);
        }
        return new Requeued(log.requeueFailed(tenantId, endpointId, since));
    }

    private static int pageSize(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidEndpointException("limit is from 1 to " + MAX_PAGE);
        }
        return limit;
    }
}
