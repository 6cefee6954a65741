package io.uplink.credential.quota;

import java.time.Duration;

/**
 * A mint would take the tenant past one of its quotas.
 *
 * @param quota      the settings field: {@code maxStoredBytes}, {@code maxFiles} or {@code maxUploadsPerDay}
 * @param retryAfter when the quota frees up by itself (the daily one, at 00:00 UTC); null when only deleting does
 */
public class QuotaExceededException extends RuntimeException {

    private final String quota;
    private final long limit;
    private final long used;
    private final Duration retryAfter;

    QuotaExceededException(String quota, long limit, long used, String detail, Duration retryAfter) {
        super(detail);
        this.quota = quota;
        this.limit = limit;
        this.used = used;
        this.retryAfter = retryAfter;
    }

    public String quota() {
        return quota;
    }

    public long limit() {
        return limit;
    }

    public long used() {
        return used;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
