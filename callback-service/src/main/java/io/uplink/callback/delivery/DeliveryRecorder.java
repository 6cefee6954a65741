package io.uplink.callback.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Records sent attempts in batches, one transaction per batch, on two threads of its own: off the I/O threads, and
 * while sending goes on. Decides each delivery's {@link Outcome} (the retry schedule, disabling an endpoint that has
 * been failing too long) and gives the batch's room back once it is recorded, or failed to be: those attempts are
 * tried again after their lease.
 */
@Component
class DeliveryRecorder {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRecorder.class);
    private static final int THREADS = 2;
    /** Attempts recorded per transaction at most; under light load a batch is whatever finished meanwhile. */
    private static final int BATCH = 500;

    private final DeliveryQueue queue;
    private final DeliveryMetrics metrics;
    private final DeliveryCapacity capacity;
    private final DeliveryProperties properties;
    private final RetrySchedule schedule;
    private final BlockingQueue<Dispatch.Sent> sent = new LinkedBlockingQueue<>();
    private volatile boolean recording;
    private List<Thread> threads = List.of();

    DeliveryRecorder(DeliveryQueue queue, DeliveryMetrics metrics, DeliveryCapacity capacity,
                     DeliveryProperties properties) {
        this.queue = queue;
        this.metrics = metrics;
        this.capacity = capacity;
        this.properties = properties;
        this.schedule = new RetrySchedule(properties.retrySchedule(), properties.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    void start() {
        recording = true;
        threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread thread = new Thread(this::recordLoop, "delivery-recorder-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Stops at once: attempts still queued are tried again after their lease. */
    void stop() {
        recording = false;
        threads.forEach(Thread::interrupt);
    }

    /** Queues an attempt to be recorded; called on the I/O threads, so it never blocks. */
    void add(Dispatch.Sent attempt) {
        sent.add(attempt);
    }

    private void recordLoop() {
        while (recording || !sent.isEmpty()) {
            try {
                Dispatch.Sent first = sent.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Dispatch.Sent> batch = new ArrayList<>(BATCH);
                batch.add(first);
                sent.drainTo(batch, BATCH - 1);
                record(batch);
            } catch (InterruptedException e) {
                if (!recording) {
                    return;
                }
            }
        }
    }

    private void record(List<Dispatch.Sent> batch) {
        try {
            Instant now = Instant.now();
            List<Dispatch.Recorded> recorded = new ArrayList<>(batch.size());
            for (Dispatch.Sent attempt : batch) {
                recorded.add(judge(attempt, now));
            }
            queue.recordAll(recorded);
            for (Dispatch.Recorded attempt : recorded) {
                if (attempt.outcome() instanceof Outcome.Delivered) {
                    metrics.finished("succeeded");
                } else if (attempt.outcome() instanceof Outcome.GivenUp) {
                    metrics.finished("failed");
                }
                if (attempt.disableEndpointReason() != null) {
                    log.info("endpoint {} of tenant {} disabled: {}", attempt.delivery().endpointId(),
                            attempt.delivery().tenantId(), attempt.disableEndpointReason());
                }
            }
        } catch (RuntimeException e) {
            log.warn("could not record {} attempts (deliveries {}…); they are tried again after their lease: {}",
                    batch.size(), batch.get(0).delivery().id(), e.toString());
        } finally {
            capacity.settled(batch);
        }
    }

    private Dispatch.Recorded judge(Dispatch.Sent attempt, Instant now) {
        ClaimedDelivery delivery = attempt.delivery();
        AttemptResult result = attempt.result();
        if (result.succeeded()) {
            return new Dispatch.Recorded(delivery, result, Outcome.DELIVERED, null);
        }
        if (result.gone()) {
            return new Dispatch.Recorded(delivery, result, Outcome.GIVEN_UP, "endpoint answered 410 Gone");
        }
        Instant next = schedule.nextAttemptAt(delivery.attemptCount() + 1, now);
        Outcome outcome = next == null ? Outcome.GIVEN_UP : new Outcome.RetryAt(next);
        String disable = null;
        Instant failingSince = queue.failingSince(delivery.endpointId());
        if (failingSince != null && failingSince.plus(properties.disableAfterFailingFor()).isBefore(now)) {
            disable = "failing without a success since " + failingSince;
        }
        return new Dispatch.Recorded(delivery, result, outcome, disable);
    }
}
