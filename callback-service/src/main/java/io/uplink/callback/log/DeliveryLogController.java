package io.uplink.callback.log;

import io.uplink.callback.identity.TenantScope;
import io.uplink.callback.log.LogViews.AttemptView;
import io.uplink.callback.log.LogViews.MessageDetail;
import io.uplink.callback.log.LogViews.MessageView;
import io.uplink.callback.log.LogViews.Page;
import io.uplink.callback.log.LogViews.Requeued;
import io.uplink.servlet.identity.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

/** Delivery logs and replay, tenant-scoped like the endpoints API. */
@RestController
@RequestMapping("/api/v1/webhooks")
class DeliveryLogController {

    private final DeliveryLog log;

    DeliveryLogController(DeliveryLog log) {
        this.log = log;
    }

    @GetMapping("/messages")
    Page<MessageView> messages(Caller caller,
                               @RequestParam(required = false) String eventType,
                               @RequestParam(required = false) Instant since,
                               @RequestParam(required = false) Instant until,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(defaultValue = "50") int limit) {
        return log.messages(TenantScope.tenantOf(caller), eventType, since, until, cursor, limit);
    }

    @GetMapping("/messages/{id}")
    MessageDetail message(Caller caller,
                          @PathVariable UUID id) {
        return log.message(TenantScope.tenantOf(caller), id);
    }

    @GetMapping("/attempts")
    Page<AttemptView> attempts(Caller caller,
                               @RequestParam(required = false) UUID endpointId,
                               @RequestParam(required = false) UUID messageId,
                               @RequestParam(required = false) String outcome,
                               @RequestParam(required = false) Integer statusCode,
                               @RequestParam(required = false) Instant since,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(defaultValue = "50") int limit) {
        return log.attempts(TenantScope.tenantOf(caller), endpointId, messageId, outcome, statusCode, since,
                cursor, limit);
    }

    /** Sends the message again to every endpoint it went to, or to one ({@code endpointId}). */
    @PostMapping("/messages/{id}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Requeued resend(Caller caller, @PathVariable UUID id,
                    @RequestParam(required = false) UUID endpointId) {
        return log.resend(TenantScope.tenantOf(caller), id, endpointId);
    }

    /** Re-queues every failed delivery of the endpoint since a time, e.g. after the tenant fixed its receiver. */
    @PostMapping("/endpoints/{id}/recover")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Requeued recover(Caller caller, @PathVariable UUID id,
                     @Valid @RequestBody RecoverRequest request) {
        return log.recover(TenantScope.tenantOf(caller), id, request.since());
    }
}
