package io.uplink.console.webhooks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * "Send again every failed delivery to this endpoint since then": the endpoint as chosen, the time as a
 * {@code datetime-local} input sends it, read as UTC.
 */
public record RecoverForm(String endpointId, String since) {

    /** The form as first shown: no endpoint chosen, since one day ago. */
    static RecoverForm since(Instant now) {
        LocalDateTime dayAgo = LocalDateTime.ofInstant(now.minus(1, ChronoUnit.DAYS), ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MINUTES);
        return new RecoverForm(null, dayAgo.toString());
    }

    UUID endpoint() {
        if (endpointId == null || endpointId.isBlank()) {
            throw new IllegalArgumentException("Choose the endpoint whose failed deliveries to send again.");
        }
        try {
            return UUID.fromString(endpointId.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("That endpoint is not one of yours.");
        }
    }

    /** The body of {@code POST /api/v1/webhooks/endpoints/{id}/recover}. */
    Map<String, Object> toApi() {
        return Map.of("since", sinceInstant().toString());
    }

    private Instant sinceInstant() {
        if (since == null || since.isBlank()) {
            throw new IllegalArgumentException("Enter the time from which to send failed deliveries again.");
        }
        String value = since.trim();
        try {
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException local) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException withOffset) {
                throw new IllegalArgumentException("Write the time as YYYY-MM-DDTHH:MM (UTC).");
            }
        }
    }
}
