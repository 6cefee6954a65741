package io.uplink.callback.endpoint;

import java.time.Instant;

/** @param previousSecretExpiresAt until then deliveries carry signatures by both the new and the old secret */
public record RotatedSecret(String secret, Instant previousSecretExpiresAt) {
}
