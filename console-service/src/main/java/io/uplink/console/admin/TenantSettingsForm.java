package io.uplink.console.admin;

import tools.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's settings as the form edits them: lists one per line, numbers as typed. The API validates; its problem
 * is shown when a value is refused.
 */
public record TenantSettingsForm(String maxObjectSize, String allowedContentTypes, String credentialTtlSeconds,
                                 String requestsPerSecond, String burst, String storageTarget, String corsOrigins) {

    static TenantSettingsForm of(JsonNode settings) {
        return new TenantSettingsForm(text(settings, "maxObjectSize"), lines(settings.get("allowedContentTypes")),
                text(settings, "credentialTtlSeconds"), text(settings.get("rateLimit"), "requestsPerSecond"),
                text(settings.get("rateLimit"), "burst"), text(settings, "storageTarget"),
                lines(settings.get("corsOrigins")));
    }

    /** The body of {@code PUT /api/v1/tenants/{id}/settings}. */
    Map<String, Object> toApi() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("maxObjectSize", number("maximum object size", maxObjectSize));
        body.put("allowedContentTypes", list(allowedContentTypes));
        body.put("credentialTtlSeconds", number("credential lifetime", credentialTtlSeconds));
        Long perSecond = number("requests per second", requestsPerSecond);
        Long burstSize = number("burst", burst);
        if (perSecond != null || burstSize != null) {
            Map<String, Object> rateLimit = new LinkedHashMap<>();
            rateLimit.put("requestsPerSecond", perSecond);
            rateLimit.put("burst", burstSize);
            body.put("rateLimit", rateLimit);
        }
        body.put("storageTarget", storageTarget == null || storageTarget.isBlank() ? null : storageTarget.trim());
        body.put("corsOrigins", list(corsOrigins));
        return body;
    }

    private static Long number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The " + name + " must be a whole number.");
        }
    }

    private static List<String> list(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[\\r\\n,]+")).map(String::trim)
                .filter(line -> !line.isEmpty()).toList();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asString();
    }

    private static String lines(JsonNode array) {
        if (array == null || !array.isArray()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        array.forEach(item -> text.append(item.asString()).append('\n'));
        return text.toString().trim();
    }
}
