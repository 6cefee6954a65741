package io.uplink.callback.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Claims due deliveries and sends them. One claimer thread feeds a non-blocking HTTP client; outcomes are
 * recorded on a small pool, off the I/O threads. Capacity is bounded overall ({@code max-concurrency}) and per
 * endpoint, so a dead endpoint holds at most its own few slots until their timeouts. Any number of replicas can
 * run this: claims use {@code FOR UPDATE SKIP LOCKED} and a lease.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final RetrySchedule schedule;
    private final EndpointGates gates;
    private final Semaphore slots;
    private volatile boolean running;
    private Thread claimer;
    private ExecutorService recorderPool;
    private Scheduler recorders;

    DeliveryWorker(DeliveryQueue queue, WebhookSender sender, DeliveryMetrics metrics, DeliveryProperties properties) {
        this.queue = queue;
        this.sender = sender;
        this.metrics = metrics;
        this.properties = properties;
        this.schedule = new RetrySchedule(properties.retrySchedule(), properties.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.gates = new EndpointGates(properties.maxConcurrencyPerEndpoint());
        this.slots = new Semaphore(properties.maxConcurrency());
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("webhook delivery is disabled in this instance (uplink.callback.delivery.enabled=false)");
            return;
        }
        recorderPool = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "delivery-recorder");
            thread.setDaemon(true);
            return thread;
        });
        recorders = Schedulers.fromExecutorService(recorderPool, "delivery-recorder");
        running = true;
        claimer = new Thread(this::claimLoop, "delivery-claimer");
        claimer.setDaemon(true);
        claimer.start();
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        claimer.interrupt();
        // let attempts in flight finish and be recorded; anything cut off is retried after its lease
        try {
            if (slots.tryAcquire(properties.maxConcurrency(), properties.attemptTimeout().toMillis() + 2_000,
                    TimeUnit.MILLISECONDS)) {
                slots.release(properties.maxConcurrency());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorderPool.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void claimLoop() {
        while (running) {
            try {
                int free = slots.availablePermits();
                if (free == 0) {
                    Thread.sleep(10);
                    continue;
                }
                List<ClaimedDelivery> batch = queue.claim(Math.min(properties.batchSize(), free),
                        properties.lease(), gates.saturated(System.nanoTime()));
                if (batch.isEmpty()) {
                    Thread.sleep(properties.pollInterval().toMillis());
                    continue;
                }
                batch.forEach(this::dispatch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // the database may be down: nothing is lost, claimed rows come back after their lease
                log.warn("delivery claim round failed, retrying: {}", e.toString());
                sleepQuietly(properties.pollInterval().multipliedBy(4));
            }
        }
    }

    private void dispatch(ClaimedDelivery delivery) {
        Optional<Duration> wait = gates.tryEnter(delivery.endpointId(), delivery.rateLimit(), System.nanoTime());
        if (wait.isPresent()) {
            queue.release(delivery.id(), wait.get());
            return;
        }
        slots.acquireUninterruptibly();
        sender.send(delivery)
                .publishOn(recorders)
                .subscribe(result -> complete(delivery, result), error -> {
                    log.error("delivery {} attempt ended without a result", delivery.id(), error);
                    gates.leave(delivery.endpointId());
                    slots.release();
                });
    }

    private void complete(ClaimedDelivery delivery, AttemptResult result) {
        try {
            Instant now = Instant.now();
            int attemptsMade = delivery.attemptCount() + 1;
            Instant next = result.succeeded() || result.gone() ? null : schedule.nextAttemptAt(attemptsMade, now);
            String disable = result.gone() ? "endpoint answered 410 Gone" : null;
            if (!result.succeeded() && disable == null) {
                Instant failingSince = queue.failingSince(delivery.endpointId());
                if (failingSince != null && failingSince.plus(properties.disableAfterFailingFor()).isBefore(now)) {
                    disable = "failing without a success since " + failingSince;
                }
            }
            queue.record(delivery, result, next, disable);
            metrics.attempt(result);
            if (result.succeeded()) {
                metrics.finished("succeeded");
            } else if (next == null) {
                metrics.finished("failed");
            }
            if (disable != null) {
                log.info("endpoint {} of tenant {} disabled: {}", delivery.endpointId(), delivery.tenantId(), disable);
            }
        } catch (RuntimeException e) {
            log.warn("could not record attempt of delivery {}; it is tried again after its lease: {}",
                    delivery.id(), e.toString());
        } finally {
            gates.leave(delivery.endpointId());
            slots.release();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
