package io.uplink.callback.signing;

import java.time.Instant;
import java.util.List;

/**
 * An endpoint's secrets at one moment: the current one always signs; after a rotation the previous one signs too
 * until it expires, so receivers can switch secrets without losing a delivery.
 */
public record SigningKeys(WebhookSecret current, WebhookSecret previous, Instant previousExpiresAt) {

    public List<WebhookSecret> activeAt(Instant now) {
        if (previous != null && previousExpiresAt != null && now.isBefore(previousExpiresAt)) {
            return List.of(current, previous);
        }
        return List.of(current);
    }
}
