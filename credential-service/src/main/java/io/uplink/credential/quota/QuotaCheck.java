package io.uplink.credential.quota;

import io.micrometer.core.instrument.MeterRegistry;
import io.uplink.credential.tenant.TenantSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Admits a new upload under the tenant's quotas, before any credential is minted: one more file, {@code size} more
 * bytes (0 when the size is open), one more upload today. A tenant without quotas costs nothing. Each admitted upload
 * is counted into the cached usage at once, so a burst of mints cannot pass a quota by the cache period; what it
 * cannot see is another instance's admissions within that period (5 s by default). When the usage
 * cannot be read (metadata-service unreachable) the upload is admitted and counted in {@code uplink.quota.unchecked}:
 * quotas meter use; they do not stop every upload while one service is down.
 */
@Component
public class QuotaCheck {

    private static final Logger log = LoggerFactory.getLogger(QuotaCheck.class);

    private final TenantUsageSource usage;
    private final MeterRegistry meters;
    private final Clock clock;

    QuotaCheck(TenantUsageSource usage, MeterRegistry meters, Clock clock) {
        this.usage = usage;
        this.meters = meters;
        this.clock = clock;
    }

    /** @throws QuotaExceededException naming the first quota the upload would break */
    public void admit(String tenantId, TenantSettings.Quotas quotas, long size) {
        if (!quotas.any()) {
            return;
        }
        Optional<TenantUsage> measured = usage.usageOf(tenantId);
        if (measured.isEmpty()) {
            log.warn("tenant {}'s usage could not be read; admitting the upload unchecked", tenantId);
            meters.counter("uplink.quota.unchecked").increment();
            return;
        }
        TenantUsage used = measured.get();
        if (quotas.maxFiles() != null && used.files() + 1 > quotas.maxFiles()) {
            throw refused(tenantId, "maxFiles", quotas.maxFiles(), used.files(),
                    "the tenant holds " + used.files() + " files, its quota maxFiles is " + quotas.maxFiles(), null);
        }
        if (quotas.maxStoredBytes() != null && used.storedBytes() + size > quotas.maxStoredBytes()) {
            throw refused(tenantId, "maxStoredBytes", quotas.maxStoredBytes(), used.storedBytes(),
                    "the tenant holds " + used.storedBytes() + " bytes; " + size + " more would pass its quota"
                            + " maxStoredBytes " + quotas.maxStoredBytes(), null);
        }
        if (quotas.maxUploadsPerDay() != null && used.uploadsToday() + 1 > quotas.maxUploadsPerDay()) {
            Instant now = clock.instant();
            Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
            throw refused(tenantId, "maxUploadsPerDay", quotas.maxUploadsPerDay(), used.uploadsToday(),
                    "the tenant uploaded " + used.uploadsToday() + " files today (UTC), its quota maxUploadsPerDay is "
                            + quotas.maxUploadsPerDay(), Duration.between(now, midnight));
        }
        usage.admitted(tenantId, size);
    }

    private QuotaExceededException refused(String tenantId, String quota, long limit, long used, String detail,
                                           Duration retryAfter) {
        meters.counter("uplink.quota.refused", "quota", quota).increment();
        log.info("upload of tenant {} refused by quota {} ({} of {})", tenantId, quota, used, limit);
        return new QuotaExceededException(quota, limit, used, detail, retryAfter);
    }
}
