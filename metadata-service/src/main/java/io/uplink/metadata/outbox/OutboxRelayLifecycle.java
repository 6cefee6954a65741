package io.uplink.metadata.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.servlet.trace.RecordTracing;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.SQLException;

/**
 * Runs the relay with the application. Phase 0 starts it (and so creates slot and publication) before the Kafka
 * listeners, which start late, can write the first outbox row; and stops it after they stopped.
 */
@Component
@ConditionalOnProperty(prefix = "uplink.metadata.outbox.relay", name = "enabled", havingValue = "true", matchIfMissing = true)
public class OutboxRelayLifecycle implements SmartLifecycle {

    private final OutboxRelay relay;
    private volatile boolean running;

    public OutboxRelayLifecycle(RelayProperties properties, DataSourceProperties dataSource,
                                KafkaProperties kafka, MeterRegistry meterRegistry, RecordTracing tracing) {
        this.relay = new OutboxRelay(properties,
                new DatabaseSettings(dataSource.determineUrl(), dataSource.determineUsername(),
                        dataSource.determinePassword()),
                String.join(",", kafka.getBootstrapServers()), meterRegistry, tracing);
    }

    public OutboxRelay relay() {
        return relay;
    }

    @Override
    public void start() {
        try {
            relay.start();
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the outbox relay's publication and slot", e);
        }
        running = true;
    }

    @Override
    public void stop() {
        relay.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * Stopping the relay ends its election executor for good, so it cannot be paused and resumed. Only Spring's test
     * context cache pauses a context (when a test class needs another one); the relay then keeps running, as it
     * would in production, instead of failing to restart.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }
}
