package io.uplink.callback.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Claims due deliveries and sends them. One claimer thread feeds a non-blocking HTTP client, claiming the next batch
 * while the previous one is still being sent (so sending never waits for a claim's round trip); outcomes go to the
 * {@link DeliveryRecorder}. Each delivery's way is a {@link Dispatch}, bounded by {@link DeliveryCapacity}. Any
 * number of replicas can run this: claims use {@code FOR UPDATE SKIP LOCKED} and a lease.
 */
@Component
class DeliveryWorker implements SmartLifecycle, DeliveryHandOff {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    /** How long a delivery handed back because its endpoint's line was full waits before it is due again. */
    private static final Duration BUSY_ENDPOINT_PAUSE = Duration.ofMillis(100);
    /** Wakes the claimer to claim: an empty hand-over. */
    private static final List<ClaimedDelivery> NUDGE = List.of();

    private final DeliveryQueue queue;
    private final TracedAttempts attempts;
    private final DeliveryCapacity capacity;
    private final DeliveryRecorder recorder;
    private final DeliveryProperties properties;
    /** Deliveries the fan-out stored already leased to this instance, each holding its room. */
    private final BlockingQueue<List<ClaimedDelivery>> handedOver = new LinkedBlockingQueue<>();
    private final EndpointLines lines;
    /** Endpoints whose line ran low, for the claimer to claim more of through the endpoint's own index. */
    private final Set<UUID> linesToRefill = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private Thread claimer;

    DeliveryWorker(DeliveryQueue queue, TracedAttempts attempts, DeliveryCapacity capacity, DeliveryRecorder recorder,
                   DeliveryProperties properties) {
        this.queue = queue;
        this.attempts = attempts;
        this.capacity = capacity;
        this.recorder = recorder;
        this.properties = properties;
        this.lines = new EndpointLines(properties.maxConcurrencyPerEndpoint());
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("webhook delivery is disabled in this instance (uplink.callback.delivery.enabled=false)");
            return;
        }
        recorder.start();
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
        handBack(lines.drain().stream().map(delivery -> new Dispatch.HandBack(delivery, Duration.ZERO)).toList());
        // let attempts in flight finish and be recorded; anything cut off is retried after its lease
        try {
            capacity.awaitAllSettled(properties.attemptTimeout().plusMillis(2_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        recorder.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void claimLoop() {
        while (running) {
            try {
                wakeLinesOfIdleEndpoints();
                // fresh deliveries the fan-out leased to this instance go first: they need no claim
                List<ClaimedDelivery> fresh = handedOver.poll();
                if (fresh != null) {
                    dispatchAll(fresh); // a nudge is empty: nothing to send, and the refills come next
                    continue;
                }
                if (refillLines()) {
                    continue;
                }
                // A claim is bounded by the room for unrecorded outcomes, not by the free slots: the next batch is
                // claimed while the previous one is being sent and then waits for slots, so the sending side never
                // stands idle for a claim's round trip (nor claims a few rows per round trip when slots free up one
                // by one). The room is taken before the claim: the fan-out takes some too.
                List<ClaimedDelivery> batch;
                try (DeliveryCapacity.Room room = capacity.tryTakeRoom(properties.batchSize())) {
                    if (room.isEmpty()) {
                        // wake as soon as recording catches up rather than after a fixed nap
                        capacity.awaitRoom(properties.pollInterval());
                        continue;
                    }
                    batch = room.keep(queue.claim(room.size(), properties.lease(), endpointRooms()));
                }
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

    /**
     * Fresh deliveries take at most half of the room left, so due retries keep being claimed while new events
     * stream in; with too little free, the fan-out waits at most one poll interval for room. Not capped at one
     * claim's worth: every fresh delivery leased here is one claim (a row version and its index entries) fewer, and
     * a fan-out batch may hold more events than a claim takes.
     */
    @Override
    public Reservation reserve(int wanted) {
        if (!running || wanted <= 0) {
            return Reservation.NONE;
        }
        int taken;
        try {
            taken = capacity.reserveForFresh(wanted, properties.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reservation.NONE;
        }
        return taken == 0 ? Reservation.NONE : new Reservation(taken, properties.lease(), endpointRooms());
    }

    @Override
    public void handOver(Reservation reservation, List<ClaimedDelivery> leased) {
        if (leased.size() > reservation.deliveries()) {
            throw new IllegalArgumentException(leased.size() + " deliveries leased under a reservation of "
                    + reservation.deliveries());
        }
        capacity.unused(reservation.deliveries() - leased.size());
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
        List<Dispatch.HandBack> handBacks = new ArrayList<>();
        batches.forEach(batch -> batch.forEach(
                delivery -> handBacks.add(new Dispatch.HandBack(delivery, Duration.ZERO))));
        handBack(handBacks);
    }

    /**
     * Sends each delivery (each holding its room) as soon as a slot is free; the ones whose endpoint is busy wait in
     * its line, and the ones over its rate limit (or beyond a full line) are handed back untried, in one statement.
     */
    private void dispatchAll(List<ClaimedDelivery> batch) throws InterruptedException {
        List<Dispatch.HandBack> handBacks = new ArrayList<>();
        int dispatched = 0;
        try {
            for (ClaimedDelivery delivery : batch) {
                Dispatch admitted = capacity.admit(delivery);
                if (admitted instanceof Dispatch.InFlight inFlight) {
                    send(inFlight);
                } else if (admitted instanceof Dispatch.Busy busy) {
                    waitInLine(busy, handBacks);
                } else {
                    handBacks.add((Dispatch.HandBack) admitted);
                }
                dispatched++;
            }
        } catch (InterruptedException e) {
            // stopping while waiting for a slot: the rest go back untried rather than wait out their lease
            batch.subList(dispatched, batch.size())
                    .forEach(delivery -> handBacks.add(new Dispatch.HandBack(delivery, Duration.ZERO)));
            throw e;
        } finally {
            handBack(handBacks);
        }
    }

    /**
     * A delivery whose endpoint is busy waits in the endpoint's line, or goes back to the database when the line is
     * full. Should the endpoint have freed up meanwhile, nobody would wake the line: so it is woken here.
     */
    private void waitInLine(Dispatch.Busy busy, List<Dispatch.HandBack> handBacks) {
        if (!lines.join(busy)) {
            handBacks.add(new Dispatch.HandBack(busy.delivery(), BUSY_ENDPOINT_PAUSE));
        } else if (!capacity.isBusy(busy.delivery().endpointId())) {
            wake(busy.delivery().endpointId());
        }
    }

    /**
     * An attempt to this endpoint ended (on an I/O thread): its longest-waiting delivery goes next, sent from here
     * when a slot and the gate are free at once, so a busy endpoint's gates never wait for the claimer (which may be
     * in a claim's round trip); otherwise through the hand-over queue. A line down to half its length nudges the
     * claimer, which may be pausing after a claim that found every endpoint with due deliveries out of room: the
     * line is refilled before it runs dry.
     */
    private void wake(UUID endpointId) {
        lines.next(endpointId).ifPresent(next -> {
            if (running && capacity.tryAdmit(next).orElse(null) instanceof Dispatch.InFlight inFlight) {
                send(inFlight);
            } else {
                handedOver.add(List.of(next));
                if (!running) {
                    // stopping meanwhile: back to the queue rather than wait out their lease
                    handBackHandedOver();
                    return;
                }
            }
            if (lines.length(endpointId) <= lines.capacity() / 2 && linesToRefill.add(endpointId)) {
                handedOver.add(NUDGE);
            }
        });
    }

    /**
     * Claims more deliveries of each endpoint whose line ran low, as many as its room, straight from its own rows:
     * a claim across endpoints would have to walk past the backlog of every busy endpoint to find the others'.
     *
     * @return whether any line was refilled
     */
    private boolean refillLines() throws InterruptedException {
        if (linesToRefill.isEmpty()) {
            return false;
        }
        // one snapshot for the round: refilling one endpoint's line changes no other endpoint's room
        EndpointRooms rooms = endpointRooms();
        boolean refilled = false;
        for (UUID endpointId : linesToRefill) {
            linesToRefill.remove(endpointId);
            int endpointRoom = rooms.roomOf(endpointId);
            if (endpointRoom <= 0) {
                continue;
            }
            List<ClaimedDelivery> claimed;
            try (DeliveryCapacity.Room room = capacity.tryTakeRoom(endpointRoom)) {
                if (room.isEmpty()) {
                    return refilled; // recording is behind: the general claim waits for room first
                }
                claimed = room.keep(queue.claimOf(endpointId, room.size(), properties.lease()));
            }
            dispatchAll(claimed);
            refilled |= !claimed.isEmpty();
        }
        return refilled;
    }

    /** Room of each endpoint here: in flight plus a full line, less what it holds. */
    private EndpointRooms endpointRooms() {
        return capacity.endpointRooms(lines.capacity(), lines.lengths());
    }

    /** A backstop for wake-ups lost to a race: lines whose endpoint has a free gate move on. */
    private void wakeLinesOfIdleEndpoints() {
        for (UUID endpointId : lines.waiting()) {
            if (!capacity.isBusy(endpointId)) {
                wake(endpointId);
            }
        }
    }

    private void handBack(List<Dispatch.HandBack> handBacks) {
        if (handBacks.isEmpty()) {
            return;
        }
        try {
            queue.release(handBacks);
        } catch (RuntimeException e) {
            log.warn("could not hand back {} deliveries; they are due again after their lease: {}",
                    handBacks.size(), e.toString());
        } finally {
            capacity.settled(handBacks);
        }
    }

    private void send(Dispatch.InFlight inFlight) {
        attempts.send(inFlight.delivery())
                .subscribe(result -> {
                    recorder.add(capacity.sent(inFlight, result));
                    wake(inFlight.delivery().endpointId());
                }, error -> {
                    log.error("delivery {} attempt ended without a result", inFlight.delivery().id(), error);
                    capacity.abandoned(inFlight);
                    wake(inFlight.delivery().endpointId());
                });
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
