package io.uplink.callback.delivery;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EndpointRoomsTest {

    private static final int FULL = 24;

    private final UUID sending = UUID.randomUUID();
    private final UUID queueing = UUID.randomUUID();
    private final UUID throttled = UUID.randomUUID();
    private final UUID overfull = UUID.randomUUID();

    @Test
    void anEndpointHasWhatItsAttemptsInFlightAndItsLineLeaveOfTheFullRoom() {
        EndpointRooms rooms = EndpointRooms.left(FULL, Map.of(sending, 8, queueing, 8),
                Set.of(), Map.of(queueing, 10));

        assertThat(rooms.full()).isEqualTo(FULL);
        assertThat(rooms.lessThanFull()).containsExactlyInAnyOrder(
                new EndpointRooms.Room(sending, 16), new EndpointRooms.Room(queueing, 6));
    }

    @Test
    void anEndpointOutOfRateLimitTokensOrHoldingMoreThanItsRoomHasNone() {
        EndpointRooms rooms = EndpointRooms.left(FULL, Map.of(overfull, 8),
                Set.of(throttled), Map.of(overfull, 20));

        assertThat(rooms.lessThanFull()).containsExactlyInAnyOrder(
                new EndpointRooms.Room(throttled, 0), new EndpointRooms.Room(overfull, 0));
    }

    @Test
    void endpointsHoldingNothingAreNotListed() {
        assertThat(EndpointRooms.left(FULL, Map.of(), Set.of(), Map.of()).lessThanFull()).isEmpty();
    }

    @Test
    void deliveriesJustTakenLeaveLessRoomAndEndpointsWithoutRoomAreLeftOutOfAClaim() {
        UUID untouched = UUID.randomUUID();
        EndpointRooms rooms = EndpointRooms.left(FULL, Map.of(sending, 22), Set.of(throttled), Map.of());

        EndpointRooms after = rooms.lessTaken(List.of(sending, sending, queueing));

        assertThat(after.roomOf(sending)).isZero();
        assertThat(after.roomOf(queueing)).isEqualTo(FULL - 1);
        assertThat(after.roomOf(untouched)).isEqualTo(FULL);
        assertThat(after.withRoomAmong(List.of(untouched, sending, throttled, queueing))).containsExactly(
                new EndpointRooms.Room(untouched, FULL), new EndpointRooms.Room(queueing, FULL - 1));
        assertThat(rooms.lessTaken(List.of())).isSameAs(rooms);
    }

    @Test
    void anEndpointListedTwiceIsRefusedForTheStatementsJoinWouldDoubleItsRows() {
        assertThatIllegalArgumentException().isThrownBy(() -> new EndpointRooms(FULL,
                List.of(new EndpointRooms.Room(sending, 1), new EndpointRooms.Room(sending, 2))));
    }
}
