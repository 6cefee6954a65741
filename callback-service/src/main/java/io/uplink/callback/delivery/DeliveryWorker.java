package io.uplink.callback.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Claims due deliveries and sends them. One claimer thread feeds a non-blocking HTTP client, claiming the next batch
 * while the previous one is still being sent (so sending never waits for a claim's round trip); outcomes are queued
 * and recorded in batches (one transaction per batch) by two recorder threads, off the I/O threads, while sending
 * goes on (a bounded number of outcomes may wait to be recorded; their deliveries stay claimed until then). Capacity is bounded overall ({@code max-concurrency}) and per
 * endpoint, so a dead endpoint holds at most its own few slots until their timeouts. Any number of replicas can
 * run this: claims use {@code FOR UPDATE SKIP LOCKED} and a lease.
 */
@Component
class DeliveryWorker implements SmartLifecycle, DeliveryHandOff {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int RECORDER_THREADS = 2;
    /** Attempts recorded per transaction at most; under light load a batch is whatever finished meanwhile. */
    private static final int RECORD_BATCH = 500;

    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final DeliveryMetrics metrics;
    private final DeliveryProperties properties;
    private final RetrySchedule schedule;
    private final EndpointGates gates;
    private final Semaphore slots;
    /**
     * Claimed deliveries whose outcome is not recorded yet (in flight or queued for a recorder). Slots and endpoint
     * gates are given back when the HTTP exchange ends, so sending never waits for the database; this bounds how far
     * recording may fall behind. An unrecorded delivery stays claimed (its lease), so nobody else sends it meanwhile.
     */
    private final Semaphore unrecorded;
    private final int maxUnrecorded;
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    /** Deliveries the fan-out stored already leased to this instance, each batch holding its unrecorded permits. */
    private final BlockingQueue<List<ClaimedDelivery>> handedOver = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private volatile boolean recording;
    private Thread claimer;
    private List<Thread> recorders = List.of();

    DeliveryWorker(DeliveryQueue queue, WebhookSender sender, DeliveryMetrics metrics, DeliveryProperties properties) {
        this.queue = queue;
        this.sender = sender;
        this.metrics = metrics;
        this.properties = properties;
        this.schedule = new RetrySchedule(properties.retrySchedule(), properties.jitter(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.gates = new EndpointGates(properties.maxConcurrencyPerEndpoint());
        this.slots = new Semaphore(properties.maxConcurrency());
        this.maxUnrecorded = properties.maxConcurrency() * 4;
        this.unrecorded = new Semaphore(maxUnrecorded);
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("webhook delivery is disabled in this instance (uplink.callback.delivery.enabled=false)");
            return;
        }
        recording = true;
        recorders = new ArrayList<>();
        for (int i = 0; i < RECORDER_THREADS; i++) {
            Thread recorder = new Thread(this::recordLoop, "delivery-recorder-" + i);
            recorder.setDaemon(true);
            recorder.start();
            recorders.add(recorder);
        }
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
        handBackHandedOver();
        // let attempts in flight finish and be recorded; anything cut off is retried after its lease
        try {
            if (unrecorded.tryAcquire(maxUnrecorded, properties.attemptTimeout().toMillis() + 2_000,
                    TimeUnit.MILLISECONDS)) {
                unrecorded.release(maxUnrecorded);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recording = false;
        recorders.forEach(Thread::interrupt);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void claimLoop() {
        while (running) {
            try {
                // fresh deliveries the fan-out leased to this instance go first: they need no claim
                List<ClaimedDelivery> fresh = handedOver.poll();
                if (fresh != null) {
                    dispatchAll(fresh);
                    continue;
                }
                // A claim is bounded by the outcomes that may still wait to be recorded, not by the free slots: the
                // next batch is claimed while the previous one is being sent and then waits for slots here, so the
                // sending side never stands idle for a claim's round trip (nor claims a few rows per round trip
                // when slots free up one by one). The room is taken before the claim: the fan-out takes some too.
                int room = tryTake(properties.batchSize());
                if (room == 0) {
                    // wake as soon as recording catches up rather than after a fixed nap
                    if (unrecorded.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                        unrecorded.release();
                    }
                    continue;
                }
                List<ClaimedDelivery> batch;
                try {
                    batch = queue.claim(room, properties.lease(), gates.saturated(System.nanoTime()));
                } catch (RuntimeException e) {
                    unrecorded.release(room);
                    throw e;
                }
                // each claimed delivery keeps one permit; the room the claim did not use goes back at once
                unrecorded.release(room - batch.size());
                if (batch.isEmpty()) {
                    // nothing due: wait for the next hand-over or poll interval, whichever comes first
                    fresh = handedOver.poll(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    if (fresh != null) {
                        dispatchAll(fresh);
                    }
                    continue;
                }
                dispatchAll(batch);
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

    /** Takes up to {@code wanted} unrecorded permits without waiting; returns how many. */
    private int tryTake(int wanted) {
        while (true) {
            int take = Math.min(wanted, unrecorded.availablePermits());
            if (take <= 0) {
                return 0;
            }
            if (unrecorded.tryAcquire(take)) {
                return take;
            }
        }
    }

    /**
     * Fresh deliveries take at most half of the room left, so due retries keep being claimed while new events
     * stream in. Not capped at one claim's worth: every fresh delivery leased here is one claim (a row version and
     * its index entries) fewer, and a fan-out batch may hold more events than a claim takes.
     */
    @Override
    public Reservation reserve(int wanted) {
        if (!running || wanted <= 0) {
            return Reservation.NONE;
        }
        int taken = tryTake(Math.min(wanted, unrecorded.availablePermits() / 2));
        return taken == 0 ? Reservation.NONE : new Reservation(taken, properties.lease());
    }

    @Override
    public void handOver(Reservation reservation, List<ClaimedDelivery> leased) {
        if (leased.size() > reservation.deliveries()) {
            throw new IllegalArgumentException(leased.size() + " deliveries leased under a reservation of "
                    + reservation.deliveries());
        }
        unrecorded.release(reservation.deliveries() - leased.size());
        if (leased.isEmpty()) {
            return;
        }
        handedOver.add(leased);
        if (!running) {
            // stopping meanwhile: back to the queue rather than wait out their lease
            handBackHandedOver();
        }
    }

    private void handBackHandedOver() {
        List<List<ClaimedDelivery>> batches = new ArrayList<>();
        handedOver.drainTo(batches);
        List<DeliveryQueue.HandBack> handBacks = new ArrayList<>();
        batches.forEach(batch -> batch.forEach(
                delivery -> handBacks.add(new DeliveryQueue.HandBack(delivery.id(), Duration.ZERO))));
        handBack(handBacks);
    }

    /**
     * Sends each claimed delivery as soon as a slot is free; the ones whose endpoint is busy or over its rate limit
     * are handed back untried, all in one statement. Each delivery arrives here holding one {@code unrecorded}
     * permit, given back by its recorder, or here when it is not sent.
     */
    private void dispatchAll(List<ClaimedDelivery> batch) throws InterruptedException {
        List<DeliveryQueue.HandBack> handBacks = new ArrayList<>();
        int dispatched = 0;
        try {
            for (ClaimedDelivery delivery : batch) {
                slots.acquire();
                Optional<Duration> wait = gates.tryEnter(delivery.endpointId(), delivery.rateLimit(), System.nanoTime());
                if (wait.isPresent()) {
                    slots.release();
                    handBacks.add(new DeliveryQueue.HandBack(delivery.id(), wait.get()));
                } else {
                    send(delivery);
                }
                dispatched++;
            }
        } catch (InterruptedException e) {
            // stopping while waiting for a slot: the rest go back untried rather than wait out their lease
            batch.subList(dispatched, batch.size())
                    .forEach(delivery -> handBacks.add(new DeliveryQueue.HandBack(delivery.id(), Duration.ZERO)));
            throw e;
        } finally {
            handBack(handBacks);
        }
    }

    private void handBack(List<DeliveryQueue.HandBack> handBacks) {
        if (handBacks.isEmpty()) {
            return;
        }
        try {
            queue.release(handBacks);
        } catch (RuntimeException e) {
            log.warn("could not hand back {} deliveries; they are due again after their lease: {}",
                    handBacks.size(), e.toString());
        } finally {
            unrecorded.release(handBacks.size());
        }
    }

    private void send(ClaimedDelivery delivery) {
        sender.send(delivery)
                .subscribe(result -> {
                    gates.leave(delivery.endpointId());
                    slots.release();
                    finished.add(new Finished(delivery, result));
                }, error -> {
                    log.error("delivery {} attempt ended without a result", delivery.id(), error);
                    gates.leave(delivery.endpointId());
                    slots.release();
                    unrecorded.release();
                });
    }

    private void recordLoop() {
        while (recording || !finished.isEmpty()) {
            try {
                Finished first = finished.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Finished> batch = new ArrayList<>(RECORD_BATCH);
                batch.add(first);
                finished.drainTo(batch, RECORD_BATCH - 1);
                complete(batch);
            } catch (InterruptedException e) {
                if (!recording) {
                    // stopping: whatever is still queued is tried again after its lease
                    return;
                }
            }
        }
    }

    private void complete(List<Finished> batch) {
        try {
            Instant now = Instant.now();
            List<DeliveryQueue.RecordedAttempt> recorded = new ArrayList<>(batch.size());
            for (Finished attempt : batch) {
                recorded.add(outcome(attempt.delivery(), attempt.result(), now));
            }
            queue.recordAll(recorded);
            for (DeliveryQueue.RecordedAttempt attempt : recorded) {
                metrics.attempt(attempt.result());
                if (attempt.result().succeeded()) {
                    metrics.finished("succeeded");
                } else if (attempt.nextAttemptAt() == null) {
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
            // all at once: the claimer wakes on the first free permit and should then see the whole batch's
            unrecorded.release(batch.size());
        }
    }

    private DeliveryQueue.RecordedAttempt outcome(ClaimedDelivery delivery, AttemptResult result, Instant now) {
        int attemptsMade = delivery.attemptCount() + 1;
        Instant next = result.succeeded() || result.gone() ? null : schedule.nextAttemptAt(attemptsMade, now);
        String disable = result.gone() ? "endpoint answered 410 Gone" : null;
        if (!result.succeeded() && disable == null) {
            Instant failingSince = queue.failingSince(delivery.endpointId());
            if (failingSince != null && failingSince.plus(properties.disableAfterFailingFor()).isBefore(now)) {
                disable = "failing without a success since " + failingSince;
            }
        }
        return new DeliveryQueue.RecordedAttempt(delivery, result, next, disable);
    }

    private record Finished(ClaimedDelivery delivery, AttemptResult result) {
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
