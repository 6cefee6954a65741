package io.uplink.callback.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code uplink.webhook.attempts} (outcome, status class), {@code uplink.webhook.attempt.duration} (histogram),
 * {@code uplink.webhook.deliveries} (finished, by status), and the queue's depth and oldest due age, refreshed
 * from the database every few seconds rather than on every scrape.
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final Timer latency;
    private final Timer eventLag;
    private final AtomicLong queueDepth = new AtomicLong();
    private final AtomicLong oldestDueSeconds = new AtomicLong();

    DeliveryMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.latency = Timer.builder("uplink.webhook.attempt.duration")
                .description("time from sending a webhook to having its response (or giving up)")
                .publishPercentileHistogram()
                .register(registry);
        this.eventLag = Timer.builder("uplink.webhook.event.lag")
                .description("time from the change a file event describes to a webhook accepting it")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("uplink.webhook.queue.depth", queueDepth, AtomicLong::get)
                .description("deliveries pending (due now or later)").register(registry);
        Gauge.builder("uplink.webhook.queue.oldest.due.age", oldestDueSeconds, AtomicLong::get)
                .baseUnit("seconds").description("how long the most overdue pending delivery has been due")
                .register(registry);
    }

    /**
     * One attempt's latency and outcome, in all and per endpoint, and for a success the event's row-to-webhook lag.
     * Called inside the attempt's span, so the histograms' exemplars point at it.
     */
    void attempt(ClaimedDelivery delivery, AttemptResult result, Instant finishedAt) {
        Duration duration = Duration.ofMillis(result.latencyMillis());
        String outcome = result.succeeded() ? "succeeded" : "failed";
        latency.record(duration);
        Counter.builder("uplink.webhook.attempts")
                .tag("outcome", outcome)
                .tag("status", result.statusCode() == null ? "none" : (result.statusCode() / 100) + "xx")
                .register(registry).increment();
        String endpoint = delivery.endpointId().toString();
        // per endpoint: count, sum and max, no buckets, so a thousand endpoints stay a few thousand series
        Timer.builder("uplink.webhook.endpoint.attempt.duration")
                .description("webhook attempts of one endpoint, by outcome")
                .tag("endpoint", endpoint)
                .tag("outcome", outcome)
                .register(registry).record(duration);
        if (result.succeeded() && delivery.message().occurredAt() != null) {
            eventLag.record(Duration.between(delivery.message().occurredAt(), finishedAt));
        }
    }

    void finished(String status) {
        Counter.builder("uplink.webhook.deliveries").tag("status", status).register(registry).increment();
    }

    @Scheduled(fixedDelayString = "${uplink.callback.delivery.metrics-refresh:10s}")
    void refreshQueueGauges() {
        Map<String, Object> row = jdbc.sql("""
                        select count(*) as depth,
                               coalesce(extract(epoch from now() - min(next_attempt_at)
                                        filter (where next_attempt_at <= now())), 0)::bigint as oldest
                        from deliveries where status = 'pending'""")
                .query().singleRow();
        queueDepth.set(((Number) row.get("depth")).longValue());
        oldestDueSeconds.set(((Number) row.get("oldest")).longValue());
    }
}
