package io.uplink.metadata.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * UP while this replica leads or stands by to lead; DOWN when the relay is stopped or its last attempt to relay
 * failed and it has not recovered the lead since. OUT_OF_SERVICE, whatever the role, while the relay's slot holds
 * back more WAL than {@code max-retained-wal}: the relay is not keeping up, and Postgres keeps that WAL until it
 * does. The slot's figures are details: {@code retainedWalBytes}, {@code walStatus}.
 */
@Component("outboxRelay")
public class OutboxRelayHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayHealthIndicator.class);

    private final ObjectProvider<OutboxRelayLifecycle> lifecycle;
    private final RetainedWal retainedWal;
    private final long maxRetainedWalBytes;

    public OutboxRelayHealthIndicator(ObjectProvider<OutboxRelayLifecycle> lifecycle, RetainedWal retainedWal,
                                      RelayProperties properties) {
        this.lifecycle = lifecycle;
        this.retainedWal = retainedWal;
        this.maxRetainedWalBytes = properties.maxRetainedWal().toBytes();
    }

    @Override
    public Health health() {
        OutboxRelayLifecycle relayLifecycle = lifecycle.getIfAvailable();
        Health.Builder health;
        if (relayLifecycle == null) {
            health = Health.unknown().withDetail("relay", "disabled");
        } else {
            OutboxRelay relay = relayLifecycle.relay();
            health = switch (relay.role()) {
                case LEADER, STANDBY -> Health.up();
                case STOPPED -> Health.down();
            };
            health.withDetail("name", relay.name()).withDetail("role", relay.role().name().toLowerCase());
            Throwable failure = relay.lastFailure();
            if (failure != null) {
                health.withDetail("lastFailure", failure.toString());
            }
        }
        slot().ifPresent(slot -> {
            health.withDetail("slot", retainedWal.slotName())
                    .withDetail("walStatus", String.valueOf(slot.walStatus()))
                    .withDetail("maxRetainedWalBytes", maxRetainedWalBytes);
            if (slot.retainedBytes() != null) {
                health.withDetail("retainedWalBytes", slot.retainedBytes());
            }
            boolean holdsTooMuch = slot.retainedBytes() != null && slot.retainedBytes() > maxRetainedWalBytes;
            if ((holdsTooMuch || "lost".equals(slot.walStatus())) && !isDown(relayLifecycle)) {
                health.status(Status.OUT_OF_SERVICE);
            }
        });
        return health.build();
    }

    private static boolean isDown(OutboxRelayLifecycle relayLifecycle) {
        return relayLifecycle != null && relayLifecycle.relay().role() == OutboxRelay.Role.STOPPED;
    }

    /** Empty when the slot does not exist yet or cannot be read: the db component reports the database itself. */
    private Optional<RetainedWal.Slot> slot() {
        try {
            return retainedWal.slot();
        } catch (DataAccessException e) {
            log.debug("could not read the replication slot: {}", e.toString());
            return Optional.empty();
        }
    }
}
