package io.uplink.console.webhooks;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new webhook endpoint as the form sends it: the event types as ticked boxes (none = every type), the rate limit
 * as typed. The API validates the URL (scheme, public address) and the rest; its problem is shown when refused.
 */
public record EndpointForm(String url, String description, List<String> eventTypes, String rateLimit)
        implements Serializable {

    static EndpointForm empty() {
        return new EndpointForm("", "", List.of(), "");
    }

    /** The body of {@code POST /api/v1/webhooks/endpoints}. */
    Map<String, Object> toApi() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url == null ? "" : url.trim());
        body.put("description", description == null || description.isBlank() ? null : description.trim());
        body.put("eventTypes", eventTypes == null ? List.of() : eventTypes.stream()
                .filter(type -> type != null && !type.isBlank()).map(String::trim).distinct().toList());
        body.put("rateLimit", perSecond());
        return body;
    }

    /** Whether the form ticked this event type: the template keeps the boxes as they were sent after a refusal. */
    public boolean subscribes(String eventType) {
        return eventTypes != null && eventTypes.contains(eventType);
    }

    private Integer perSecond() {
        if (rateLimit == null || rateLimit.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(rateLimit.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The rate limit must be a whole number of deliveries per second.");
        }
    }
}
