package io.uplink.callback.delivery;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Every permit of the worker, taken and given back only here, each way through a stage of {@link Dispatch}.
 * <ul>
 * <li>Room: one per delivery claimed (or handed over) and not recorded yet, {@code max-concurrency × 4} in all. A
 * delivery holds it until its attempt is recorded or it is handed back, so it bounds how far recording may fall
 * behind sending; an unrecorded delivery stays leased, so nobody else sends it meanwhile.</li>
 * <li>Slots ({@code max-concurrency}) and the endpoint's gate: held only while the HTTP exchange lasts, so sending
 * never waits for the database, and a dead endpoint holds at most its own few slots until their timeouts.</li>
 * </ul>
 */
@Component
class DeliveryCapacity {

    private final int maxRoom;
    private final Semaphore room;
    private final Semaphore slots;
    private final EndpointGates gates;
    private final int maxPerEndpoint;
    /** Signalled when room is given back while the fan-out waits for some (see {@link #reserveForFresh}). */
    private final Object roomGivenBack = new Object();
    private volatile int waitingForRoom;

    DeliveryCapacity(DeliveryProperties properties) {
        this.maxRoom = properties.maxConcurrency() * 4;
        this.room = new Semaphore(maxRoom);
        this.slots = new Semaphore(properties.maxConcurrency());
        this.maxPerEndpoint = properties.maxConcurrencyPerEndpoint();
        this.gates = new EndpointGates(maxPerEndpoint);
    }

    /** Room for up to {@code wanted} deliveries, taken without waiting; possibly none. */
    Room tryTakeRoom(int wanted) {
        return new Room(tryTake(wanted));
    }

    /**
     * Room for fresh deliveries the fan-out is about to lease to this instance: at most half of what is free, so due
     * retries keep being claimed while new events stream in. When less is free than twice what it asks for (up to
     * half of all room), it first waits for that, at most {@code patience}: a fresh delivery that finds no room is
     * stored unleased and costs a claim later (one more row version and its index entries), while an event left in
     * Kafka a few milliseconds longer costs nothing. It waits beside the semaphore, not in its queue, where a
     * waiter for many permits would hold up the claimer's wait for one. What the fan-out does not lease comes back
     * through {@link #unused}; what it leases is handed over holding its room.
     */
    int reserveForFresh(int wanted, Duration patience) throws InterruptedException {
        int awaited = 2 * Math.min(wanted, maxRoom / 4);
        if (awaited > 0 && room.availablePermits() < awaited) {
            awaitFree(awaited, patience);
        }
        return tryTake(Math.min(wanted, room.availablePermits() / 2));
    }

    private void awaitFree(int permits, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        synchronized (roomGivenBack) {
            waitingForRoom++;
            try {
                long left;
                while (room.availablePermits() < permits && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(roomGivenBack, left);
                }
            } finally {
                waitingForRoom--;
            }
        }
    }

    /** Every permit of room goes back through here, so that a waiting fan-out sees it. */
    private void giveBackRoom(int permits) {
        room.release(permits);
        // after the release: a waiter counted before it checks the permits, so one of the two sees the other
        if (waitingForRoom > 0) {
            synchronized (roomGivenBack) {
                roomGivenBack.notifyAll();
            }
        }
    }

    /** Waits until some room is free, at most {@code timeout}, without taking it. */
    void awaitRoom(Duration timeout) throws InterruptedException {
        if (room.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            giveBackRoom(1);
        }
    }

    private int tryTake(int wanted) {
        while (true) {
            int take = Math.min(wanted, room.availablePermits());
            if (take <= 0) {
                return 0;
            }
            if (room.tryAcquire(take)) {
                return take;
            }
        }
    }

    /**
     * How many more deliveries each endpoint may take on here: its attempts in flight plus a line of
     * {@code lineCapacity}, less those in flight and {@code waiting} in its line; none while its rate limit has no
     * token left.
     */
    EndpointRooms endpointRooms(int lineCapacity, Map<UUID, Integer> waiting) {
        return EndpointRooms.left(maxPerEndpoint + lineCapacity, gates.inFlight(), gates.throttled(System.nanoTime()),
                waiting);
    }

    /**
     * Waits for a free slot, then asks the delivery's endpoint: in flight (holding the slot and the endpoint's gate),
     * busy (every attempt of the endpoint in flight here), or turned away by its rate limit, to be handed back with
     * how long the endpoint needs; in every case the delivery keeps its room.
     */
    Dispatch admit(ClaimedDelivery delivery) throws InterruptedException {
        slots.acquire();
        return enterGate(delivery);
    }

    /** As {@link #admit}, without waiting: empty when no slot is free. Never blocks, so I/O threads may call it. */
    Optional<Dispatch> tryAdmit(ClaimedDelivery delivery) {
        return slots.tryAcquire() ? Optional.of(enterGate(delivery)) : Optional.empty();
    }

    /** With a slot taken: in flight through the endpoint's gate, or the slot goes back. */
    private Dispatch enterGate(ClaimedDelivery delivery) {
        Optional<Duration> wait = gates.tryEnter(delivery.endpointId(), delivery.rateLimit(), System.nanoTime());
        if (wait.isPresent()) {
            slots.release();
            return gates.isFull(delivery.endpointId())
                    ? new Dispatch.Busy(delivery) : new Dispatch.HandBack(delivery, wait.get());
        }
        return new Dispatch.InFlight(delivery);
    }

    boolean isBusy(UUID endpointId) {
        return gates.isFull(endpointId);
    }

    /** The exchange ended with a result: slot and gate go back, the room stays until the attempt is recorded. */
    Dispatch.Sent sent(Dispatch.InFlight inFlight, AttemptResult result) {
        leave(inFlight);
        return new Dispatch.Sent(inFlight.delivery(), result);
    }

    /** The exchange ended without a result: nothing to record, every permit goes back. */
    void abandoned(Dispatch.InFlight inFlight) {
        leave(inFlight);
        giveBackRoom(1);
    }

    private void leave(Dispatch.InFlight inFlight) {
        gates.leave(inFlight.delivery().endpointId());
        slots.release();
    }

    /**
     * Deliveries recorded, or handed back untried (whether the hand-back reached the database or not: they come
     * back after their lease). All at once: the claimer wakes on the first free permit and should see them all.
     */
    void settled(List<? extends Dispatch> deliveries) {
        settled(deliveries.size());
    }

    /** Room reserved for fresh deliveries that the fan-out did not lease. */
    void unused(int reserved) {
        settled(reserved);
    }

    private void settled(int deliveries) {
        if (deliveries > 0) {
            giveBackRoom(deliveries);
        }
    }

    /** Waits, at most {@code timeout}, until no delivery holds room: everything in flight is recorded. */
    boolean awaitAllSettled(Duration timeout) throws InterruptedException {
        if (room.tryAcquire(maxRoom, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            giveBackRoom(maxRoom);
            return true;
        }
        return false;
    }

    /**
     * Room taken before a claim. The deliveries claimed keep one permit each ({@link #keep}); closing gives back the
     * rest, so a failed or short claim leaks nothing.
     */
    final class Room implements AutoCloseable {

        private int unused;

        private Room(int permits) {
            this.unused = permits;
        }

        int size() {
            return unused;
        }

        boolean isEmpty() {
            return unused == 0;
        }

        /** The deliveries now hold their permits; returns them for sending. */
        List<ClaimedDelivery> keep(List<ClaimedDelivery> claimed) {
            if (claimed.size() > unused) {
                throw new IllegalStateException(claimed.size() + " deliveries claimed in room for " + unused);
            }
            unused -= claimed.size();
            return claimed;
        }

        @Override
        public void close() {
            settled(unused);
            unused = 0;
        }
    }
}
