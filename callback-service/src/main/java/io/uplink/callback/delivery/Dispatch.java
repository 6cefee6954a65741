package io.uplink.callback.delivery;

import java.time.Duration;

/**
 * One claimed delivery's way through this instance, and the permits of {@link DeliveryCapacity} it holds at each
 * stage. A {@link ClaimedDelivery} (claimed, or leased by the fan-out and handed over) holds room; then either
 * {@link InFlight} (room, a slot and its endpoint's gate) → {@link Sent} (room) → {@link Recorded} (none), or
 * {@link Busy} (room, waiting in its endpoint's line for the endpoint's next free gate, then in flight), or
 * {@link HandBack} (room until the hand-back is written). A delivery that stops short of its last stage (a crash, a
 * failed statement) is not lost: it stays leased and is due again after its lease (at-least-once, same webhook id).
 */
sealed interface Dispatch {

    ClaimedDelivery delivery();

    /** Being sent. */
    record InFlight(ClaimedDelivery delivery) implements Dispatch {
    }

    /** Its endpoint has every attempt of this instance in flight: it waits for one of them to end. */
    record Busy(ClaimedDelivery delivery) implements Dispatch {
    }

    /** Sent; its outcome waits for a recorder. */
    record Sent(ClaimedDelivery delivery, AttemptResult result) implements Dispatch {
    }

    /**
     * Recorded with the attempt, in one transaction with a batch of others.
     *
     * @param disableEndpointReason non-null to disable the endpoint in the same transaction
     */
    record Recorded(ClaimedDelivery delivery, AttemptResult result, Outcome outcome, String disableEndpointReason)
            implements Dispatch {
    }

    /**
     * Given back untried (its endpoint busy or over its rate limit, or this instance stopping), due again after
     * {@code delay}; no attempt is counted.
     */
    record HandBack(ClaimedDelivery delivery, Duration delay) implements Dispatch {
    }
}
