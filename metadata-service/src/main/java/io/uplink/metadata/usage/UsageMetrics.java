package io.uplink.metadata.usage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Per-tenant usage gauges, {@code uplink.tenant.stored.bytes} and {@code uplink.tenant.files} (tag {@code tenant}),
 * measured every {@code uplink.metadata.usage.metrics-interval-ms} (one scan of the files table each time).
 */
@Component
class UsageMetrics {

    private static final Logger log = LoggerFactory.getLogger(UsageMetrics.class);

    private final UsageRepository usage;
    private final MultiGauge storedBytes;
    private final MultiGauge files;

    UsageMetrics(UsageRepository usage, MeterRegistry meters) {
        this.usage = usage;
        this.storedBytes = MultiGauge.builder("uplink.tenant.stored.bytes").baseUnit("bytes")
                .description("Bytes of the tenant's active and pending files").register(meters);
        this.files = MultiGauge.builder("uplink.tenant.files")
                .description("Number of the tenant's active and pending files").register(meters);
    }

    @Scheduled(fixedDelayString = "${uplink.metadata.usage.metrics-interval-ms:60000}", initialDelay = 5000)
    void measure() {
        try {
            List<UsageRepository.PerTenant> tenants = usage.all();
            storedBytes.register(tenants.stream().map(tenant -> MultiGauge.Row.of(Tags.of("tenant", tenant.tenantId()),
                    tenant.storedBytes())).toList(), true);
            files.register(tenants.stream().map(tenant -> MultiGauge.Row.of(Tags.of("tenant", tenant.tenantId()),
                    tenant.files())).toList(), true);
        } catch (RuntimeException e) {
            log.warn("Could not measure tenant usage, trying again at the next interval: {}", e.toString());
        }
    }
}
