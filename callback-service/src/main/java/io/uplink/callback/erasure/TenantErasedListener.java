package io.uplink.callback.erasure;

import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.TenantEvent;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * On {@code tenant.erased} (metadata-service erased the tenant) removes the tenant's endpoints, messages, deliveries
 * and attempts, and logs what it removed. Other tenant events are not this service's business. A record that is not a
 * valid {@link TenantEvent} goes to {@code uplink.tenants.events-dlt} with its reason; a database failure is retried
 * until it passes, as for file events (the same error handler).
 */
@Component
class TenantErasedListener {

    private static final Logger log = LoggerFactory.getLogger(TenantErasedListener.class);

    private final TenantWebhookData data;
    private final MeterRegistry meters;

    TenantErasedListener(TenantWebhookData data, MeterRegistry meters) {
        this.data = data;
        this.meters = meters;
    }

    @KafkaListener(id = "tenant-erasures", idIsGroup = false, topics = Topics.TENANTS_EVENTS, batch = "true")
    void onTenantEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        for (int i = 0; i < records.size(); i++) {
            try {
                TenantEvent event = parse(records.get(i));
                if (TenantEvent.TENANT_ERASED.equals(event.type())) {
                    TenantWebhookData.Removed removed = data.removeAll(event.tenantId());
                    meters.counter("uplink.callback.tenants.erased").increment();
                    log.info("Erased tenant {}: {} endpoints, {} messages, {} deliveries, {} attempts removed",
                            event.tenantId(), removed.endpoints(), removed.messages(), removed.deliveries(),
                            removed.attempts());
                }
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
    }

    private static TenantEvent parse(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new InvalidEventException("record has no value (tombstone)", null);
        }
        return EventJson.read(record.value(), TenantEvent.class);
    }
}
