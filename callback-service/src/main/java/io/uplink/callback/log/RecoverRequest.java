package io.uplink.callback.log;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** @param since re-queue the endpoint's failed deliveries created at or after this instant */
public record RecoverRequest(@NotNull Instant since) {
}
