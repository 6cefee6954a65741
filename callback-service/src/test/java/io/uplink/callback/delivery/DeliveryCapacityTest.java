package io.uplink.callback.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryCapacityTest {

    private static final Duration NO_WAIT = Duration.ZERO;

    private final DeliveryCapacity capacity = new DeliveryCapacity(new DeliveryProperties(true, Duration.ofMillis(50),
            256, Duration.ofSeconds(15), List.of(Duration.ZERO), 0.2, 2, 1, Duration.ofSeconds(60),
            Duration.ofDays(5), Duration.ofSeconds(5), 16));

    @Test
    void roomTheClaimDidNotFillGoesBackOnClose() throws InterruptedException {
        List<ClaimedDelivery> kept;
        try (DeliveryCapacity.Room room = capacity.tryTakeRoom(8)) {
            assertThat(room.size()).isEqualTo(8);
            kept = room.keep(List.of(delivery(UUID.randomUUID()), delivery(UUID.randomUUID())));
        }
        assertThat(capacity.tryTakeRoom(100).size()).isEqualTo(6);
        assertThat(capacity.awaitAllSettled(NO_WAIT)).isFalse();
        capacity.settled(handedBack(kept));
        capacity.unused(6);
        assertThat(capacity.awaitAllSettled(NO_WAIT)).isTrue();
    }

    @Test
    void aFailedClaimLeaksNoRoom() throws InterruptedException {
        assertThatThrownBy(() -> {
            try (DeliveryCapacity.Room room = capacity.tryTakeRoom(8)) {
                throw new IllegalStateException("database down " + room.size());
            }
        }).isInstanceOf(IllegalStateException.class);
        assertThat(capacity.awaitAllSettled(NO_WAIT)).isTrue();
    }

    @Test
    void freshDeliveriesTakeAtMostHalfTheFreeRoom() throws InterruptedException {
        assertThat(capacity.reserveForFresh(100, NO_WAIT)).isEqualTo(4);
        assertThat(capacity.reserveForFresh(100, NO_WAIT)).isEqualTo(2);
    }

    @Test
    void freshDeliveriesWaitForRoomAsItIsSettledRatherThanBeStoredUnleased() throws Exception {
        List<ClaimedDelivery> sending = everyBitOfRoomHeld();
        Thread recorder = new Thread(() -> {
            sleep(Duration.ofMillis(100));
            capacity.settled(handedBack(sending.subList(0, 4)));
        });
        long start = System.nanoTime();
        recorder.start();

        int reserved = capacity.reserveForFresh(2, Duration.ofSeconds(10));

        // it waited for the four to be settled, then took half of what was free
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
        assertThat(reserved).isEqualTo(2);
        recorder.join();
    }

    @Test
    void aClaimWaitingForRoomIsNotHeldUpByTheFanOutWaitingForMore() throws Exception {
        List<ClaimedDelivery> sending = everyBitOfRoomHeld();
        // the fan-out waits for four to be free (twice the two it asks for)
        CompletableFuture<Integer> fanOut = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return capacity.reserveForFresh(2, Duration.ofSeconds(30));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        sleep(Duration.ofMillis(200));
        // the claimer waits for any room at all, with a patience far beyond what the test allows it
        CompletableFuture<Void> claimer = CompletableFuture.runAsync(() -> {
            try {
                capacity.awaitRoom(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        sleep(Duration.ofMillis(200));

        capacity.settled(handedBack(sending.subList(0, 1)));

        claimer.get(10, TimeUnit.SECONDS);
        assertThat(fanOut).as("one free of the four it waits for").isNotDone();
        capacity.settled(handedBack(sending.subList(1, 4)));
        assertThat(fanOut.get(10, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void freshDeliveriesWaitNoLongerThanTheirPatienceAndThenTakeWhatIsFree() throws InterruptedException {
        capacity.tryTakeRoom(7);
        long start = System.nanoTime();

        assertThat(capacity.reserveForFresh(2, Duration.ofMillis(200))).isZero();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(190))
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aBusyEndpointsNextDeliveryIsToldToWaitAndItsSlotGoesBack() throws InterruptedException {
        UUID endpoint = UUID.randomUUID();
        Dispatch first = capacity.admit(delivery(endpoint));
        assertThat(first).isInstanceOf(Dispatch.InFlight.class);
        // one in flight of one, and a line of two: room for two more of it
        assertThat(capacity.endpointRooms(2, Map.of()).lessThanFull())
                .containsExactly(new EndpointRooms.Room(endpoint, 2));

        Dispatch second = capacity.admit(delivery(endpoint));
        assertThat(second).isInstanceOf(Dispatch.Busy.class);
        // one slot of two is still free: another endpoint gets in
        assertThat(capacity.admit(delivery(UUID.randomUUID()))).isInstanceOf(Dispatch.InFlight.class);

        Dispatch.Sent sent = capacity.sent((Dispatch.InFlight) first, new AttemptResult(200, 1, "", null));
        assertThat(sent.result().succeeded()).isTrue();
        assertThat(capacity.endpointRooms(2, Map.of()).lessThanFull())
                .extracting(EndpointRooms.Room::endpointId).doesNotContain(endpoint);
    }

    /** Room for eight in all, every bit of it held by deliveries being sent. */
    private List<ClaimedDelivery> everyBitOfRoomHeld() {
        return capacity.tryTakeRoom(8).keep(Stream.generate(() -> delivery(UUID.randomUUID())).limit(8).toList());
    }

    private static List<Dispatch.HandBack> handedBack(List<ClaimedDelivery> deliveries) {
        return deliveries.stream().map(d -> new Dispatch.HandBack(d, Duration.ZERO)).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ClaimedDelivery delivery(UUID endpointId) {
        return new ClaimedDelivery(UUID.randomUUID(), UUID.randomUUID(), endpointId, "tenant", 0,
                "https://example.com/hook", null, null, new ClaimedDelivery.Message("{}", null, Instant.now()));
    }
}
