package io.uplink.callback.delivery;

import java.time.Duration;
import java.util.List;

/**
 * Lets the fan-out give the deliveries it has just stored straight to this instance's worker, leased to it in the
 * same statement that stores them, so the first attempt needs no claim (one round trip and one more row version
 * per delivery fewer). The rows are committed before they are handed over (durable before sent), and a leased row
 * that this instance never records comes back after its lease like a claimed one (at-least-once, same webhook id).
 */
public interface DeliveryHandOff {

    /**
     * How many of about {@code wanted} new deliveries may be leased to this instance now; {@link Reservation#NONE}
     * when it has no room. May wait briefly for room: leasing is cheaper than a claim later.
     */
    Reservation reserve(int wanted);

    /**
     * Hands over the deliveries leased under the reservation (at most its size; fewer or none when the batch had
     * fewer deliveries or the statement failed), and gives back the room they did not use.
     */
    void handOver(Reservation reservation, List<ClaimedDelivery> leased);

    /**
     * @param deliveries how many may be leased
     * @param lease      how long they stay invisible to other workers
     * @param rooms      how many of each endpoint may be leased at most
     */
    record Reservation(int deliveries, Duration lease, EndpointRooms rooms) {

        public static final Reservation NONE = new Reservation(0, Duration.ZERO, EndpointRooms.NONE);
    }
}
