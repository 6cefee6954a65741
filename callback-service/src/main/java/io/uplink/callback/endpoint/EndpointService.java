package io.uplink.callback.endpoint;

import io.uplink.callback.delivery.ParkedDeliveries;
import io.uplink.callback.fanout.MessageFanOut;
import io.uplink.callback.signing.SigningKeys;
import io.uplink.callback.signing.WebhookSecret;
import io.uplink.callback.ssrf.ForbiddenTargetException;
import io.uplink.callback.ssrf.TargetPolicy;
import io.uplink.contracts.FileData;
import io.uplink.contracts.FileEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registration and life cycle of a tenant's endpoints; every URL passes the SSRF policy before it is stored. */
@Service
public class EndpointService {

    static final int MAX_PAGE = 100;

    private final EndpointRepository endpoints;
    private final TargetPolicy targets;
    private final MessageFanOut messages;
    private final ParkedDeliveries parked;
    private final SecretRotationProperties rotation;
    private final EndpointLimitProperties limits;
    private final Clock clock = Clock.systemUTC();

    public EndpointService(EndpointRepository endpoints, TargetPolicy targets, MessageFanOut messages,
                           ParkedDeliveries parked, SecretRotationProperties rotation, EndpointLimitProperties limits) {
        this.endpoints = endpoints;
        this.targets = targets;
        this.messages = messages;
        this.parked = parked;
        this.rotation = rotation;
        this.limits = limits;
    }

    public CreatedEndpoint create(String tenantId, EndpointRequest request) {
        String url = checkedUrl(request.url());
        Instant now = clock.instant();
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), tenantId, url, orEmpty(request.description()),
                EventTypes.checked(request.eventTypes()), request.rateLimit(), orEmpty(request.metadata()), true,
                null, null, new SigningKeys(WebhookSecret.generate(), null, null), now, now);
        if (!endpoints.insertWithinLimit(endpoint, limits.maxPerTenant())) {
            throw new EndpointLimitExceededException(limits.maxPerTenant());
        }
        return CreatedEndpoint.of(endpoint);
    }

    public EndpointView get(String tenantId, UUID id) {
        return EndpointView.of(find(tenantId, id));
    }

    public EndpointPage list(String tenantId, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidEndpointException("limit is from 1 to " + MAX_PAGE);
        }
        int size = limit;
        UUID after = cursor == null || cursor.isBlank() ? null : parseCursor(cursor);
        List<Endpoint> page = endpoints.list(tenantId, after, size + 1);
        List<EndpointView> data = page.stream().limit(size).map(EndpointView::of).toList();
        String next = page.size() > size ? data.get(data.size() - 1).id().toString() : null;
        return new EndpointPage(data, next);
    }

    public EndpointView update(String tenantId, UUID id, EndpointRequest request) {
        String url = checkedUrl(request.url());
        if (!endpoints.update(tenantId, id, url, orEmpty(request.description()),
                EventTypes.checked(request.eventTypes()), request.rateLimit(), orEmpty(request.metadata()))) {
            throw new EndpointNotFoundException(id);
        }
        return get(tenantId, id);
    }

    /** Disables the endpoint and parks its pending deliveries (the earliest due, at least) until it is enabled. */
    @Transactional
    public EndpointView disable(String tenantId, UUID id, String reason) {
        String why = reason == null || reason.isBlank() ? "disabled by the tenant" : reason;
        if (!endpoints.disable(tenantId, id, why)) {
            throw new EndpointNotFoundException(id);
        }
        parked.parkOf(id);
        return get(tenantId, id);
    }

    /** Enables the endpoint; what waited for it while it was disabled is due at once, the longest waiting first. */
    @Transactional
    public EndpointView enable(String tenantId, UUID id) {
        if (!endpoints.enable(tenantId, id)) {
            throw new EndpointNotFoundException(id);
        }
        parked.unparkOf(id);
        return get(tenantId, id);
    }

    public void delete(String tenantId, UUID id) {
        if (!endpoints.delete(tenantId, id)) {
            throw new EndpointNotFoundException(id);
        }
    }

    public RotatedSecret rotateSecret(String tenantId, UUID id) {
        WebhookSecret fresh = WebhookSecret.generate();
        Instant expiresAt = clock.instant().plus(rotation.overlap());
        if (!endpoints.rotate(tenantId, id, fresh, expiresAt)) {
            throw new EndpointNotFoundException(id);
        }
        return new RotatedSecret(fresh.value(), expiresAt);
    }

    /** A made-up event of the requested type, delivered to this endpoint only, through the normal queue. */
    @Transactional
    public TestEventSent sendTestEvent(String tenantId, UUID id, String eventType) {
        Endpoint endpoint = find(tenantId, id);
        if (!endpoint.enabled()) {
            throw new InvalidEndpointException("endpoint " + id + " is disabled; enable it before testing");
        }
        String type = eventType == null || eventType.isBlank() ? FileEvent.FILE_CREATED : eventType;
        EventTypes.checked(List.of(type));
        Instant now = clock.instant();
        String fileId = "file_test_" + UUID.randomUUID();
        boolean deleted = FileEvent.FILE_DELETED.equals(type);
        boolean rejected = FileEvent.FILE_REJECTED.equals(type);
        FileData data = new FileData(fileId, "example-bucket", "tenants/" + tenantId + "/example/test.txt", 12,
                "text/plain", "\"0123456789abcdef\"", null, null, "test.txt", Map.of("uplinkTest", "true"),
                deleted ? "deleted" : rejected ? "rejected" : "stored", now, deleted ? now : null,
                rejected ? "content type 'text/plain' is not in the tenant's allowedContentTypes [image/*]" : null,
                "default", null);
        MessageFanOut.DirectDelivery sent =
                messages.recordForEndpoint(new FileEvent(UUID.randomUUID(), type, tenantId, now, data), id);
        return new TestEventSent(sent.messageId(), sent.deliveryId());
    }

    private Endpoint find(String tenantId, UUID id) {
        return endpoints.find(tenantId, id).orElseThrow(() -> new EndpointNotFoundException(id));
    }

    private String checkedUrl(String url) {
        try {
            return targets.checkUrl(url).toString();
        } catch (ForbiddenTargetException e) {
            throw new InvalidEndpointException(e.getMessage());
        }
    }

    private static UUID parseCursor(String cursor) {
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointException("cursor is not one this API returned");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Map<String, String> orEmpty(Map<String, String> value) {
        return value == null ? Map.of() : value;
    }
}
