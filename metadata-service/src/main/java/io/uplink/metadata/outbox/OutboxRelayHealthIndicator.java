package io.uplink.metadata.outbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP while this replica leads or stands by to lead; DOWN when the relay is stopped or its last attempt to relay
 * failed and it has not recovered the lead since. The detail {@code role} says which (leader, standby, stopped).
 */
@Component("outboxRelay")
public class OutboxRelayHealthIndicator implements HealthIndicator {

    private final ObjectProvider<OutboxRelayLifecycle> lifecycle;

    public OutboxRelayHealthIndicator(ObjectProvider<OutboxRelayLifecycle> lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        OutboxRelayLifecycle relayLifecycle = lifecycle.getIfAvailable();
        if (relayLifecycle == null) {
            return Health.unknown().withDetail("relay", "disabled").build();
        }
        OutboxRelay relay = relayLifecycle.relay();
        Health.Builder health = switch (relay.role()) {
            case LEADER, STANDBY -> Health.up();
            case STOPPED -> Health.down();
        };
        health.withDetail("name", relay.name()).withDetail("role", relay.role().name().toLowerCase());
        Throwable failure = relay.lastFailure();
        if (failure != null) {
            health.withDetail("lastFailure", failure.toString());
        }
        return health.build();
    }
}
