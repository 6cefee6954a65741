package io.uplink.metadata.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The relay's replication slot: OUT_OF_SERVICE while it holds back more WAL than {@code max-retained-wal} or
 * Postgres has lost it (the relay is not keeping up, and Postgres keeps that WAL until it does), so the overall
 * health and the operator's alerts show it. Not part of readiness: every replica shares the slot, and taking them
 * all out of traffic would not make the relay catch up. Details: {@code retainedWalBytes}, {@code walStatus}.
 */
@Component("outboxSlot")
public class OutboxSlotHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(OutboxSlotHealthIndicator.class);

    private final RetainedWal retainedWal;
    private final long maxRetainedWalBytes;

    public OutboxSlotHealthIndicator(RetainedWal retainedWal, RelayProperties properties) {
        this.retainedWal = retainedWal;
        this.maxRetainedWalBytes = properties.maxRetainedWal().toBytes();
    }

    @Override
    public Health health() {
        Optional<RetainedWal.Slot> found = slot();
        if (found.isEmpty()) {
            return Health.unknown().withDetail("slot", retainedWal.slotName()).withDetail("walStatus", "absent").build();
        }
        RetainedWal.Slot slot = found.get();
        boolean holdsTooMuch = slot.retainedBytes() != null && slot.retainedBytes() > maxRetainedWalBytes;
        Health.Builder health = holdsTooMuch || "lost".equals(slot.walStatus()) ? Health.outOfService() : Health.up();
        health.withDetail("slot", retainedWal.slotName())
                .withDetail("walStatus", String.valueOf(slot.walStatus()))
                .withDetail("maxRetainedWalBytes", maxRetainedWalBytes);
        if (slot.retainedBytes() != null) {
            health.withDetail("retainedWalBytes", slot.retainedBytes());
        }
        return health.build();
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
