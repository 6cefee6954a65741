package io.uplink.callback.delivery;

import io.uplink.callback.unnest.UnnestedRows;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How many more deliveries of each endpoint this instance may take on, claimed or leased by the fan-out: an endpoint
 * holds at most its attempts in flight plus a full line here ({@code full}), so a claim never takes more of one
 * endpoint than it can send soon and hands the rest straight back. Endpoints holding nothing have {@code full};
 * the others are listed, with none left when their line is full or their rate limit has no token.
 */
public record EndpointRooms(int full, List<Room> lessThanFull) {

    /** Room of the endpoints listed: the statement joins it as {@code <alias>(endpoint_id, room)}. */
    private static final UnnestedRows<Room> ROWS = UnnestedRows.<Room>columns()
            .uuid("roomEndpointIds", Room::endpointId)
            .int4("rooms", Room::room)
            .build();

    /** For a statement that takes no deliveries. */
    public static final EndpointRooms NONE = new EndpointRooms(0, List.of());

    public EndpointRooms {
        lessThanFull = List.copyOf(lessThanFull);
        // the statements join the rooms by endpoint: an endpoint listed twice would double its rows
        if (lessThanFull.stream().map(Room::endpointId).distinct().count() != lessThanFull.size()) {
            throw new IllegalArgumentException("an endpoint's room is listed twice: " + lessThanFull);
        }
    }

    /**
     * @param full         attempts in flight per endpoint plus its line's length
     * @param inFlight     attempts in flight per endpoint (endpoints without any may be absent)
     * @param throttled    endpoints whose rate limit has no token left now
     * @param waiting      deliveries waiting in each endpoint's line
     */
    static EndpointRooms left(int full, Map<UUID, Integer> inFlight, Set<UUID> throttled, Map<UUID, Integer> waiting) {
        Set<UUID> holding = new HashSet<>(inFlight.keySet());
        holding.addAll(waiting.keySet());
        holding.addAll(throttled);
        List<Room> rooms = new ArrayList<>(holding.size());
        for (UUID endpointId : holding) {
            int left = throttled.contains(endpointId) ? 0
                    : full - inFlight.getOrDefault(endpointId, 0) - waiting.getOrDefault(endpointId, 0);
            if (left < full) {
                rooms.add(new Room(endpointId, Math.max(0, left)));
            }
        }
        return new EndpointRooms(full, rooms);
    }

    /** How many more deliveries of the endpoint this instance may take on. */
    public int roomOf(UUID endpointId) {
        return lessThanFull.stream().filter(room -> room.endpointId().equals(endpointId)).mapToInt(Room::room)
                .findFirst().orElse(full);
    }

    /** These rooms after one delivery was taken per entry of {@code takenOf} (an endpoint's id per delivery). */
    public EndpointRooms lessTaken(List<UUID> takenOf) {
        if (takenOf.isEmpty()) {
            return this;
        }
        Map<UUID, Integer> room = byEndpoint();
        takenOf.forEach(endpointId -> room.merge(endpointId, full - 1, (left, one) -> Math.max(0, left - 1)));
        return new EndpointRooms(full, room.entrySet().stream()
                .map(left -> new Room(left.getKey(), left.getValue())).toList());
    }

    /** The endpoints among {@code endpointIds} that have room left, in their order, with their room. */
    public List<Room> withRoomAmong(List<UUID> endpointIds) {
        Map<UUID, Integer> room = byEndpoint();
        return endpointIds.stream()
                .map(endpointId -> new Room(endpointId, room.getOrDefault(endpointId, full)))
                .filter(left -> left.room() > 0)
                .toList();
    }

    private Map<UUID, Integer> byEndpoint() {
        Map<UUID, Integer> room = new LinkedHashMap<>();
        lessThanFull.forEach(listed -> room.put(listed.endpointId(), listed.room()));
        return room;
    }

    /** The listed endpoints' rooms as rows ({@link UnnestedRows#rows()}), two columns: endpoint id, room. */
    public static String rows() {
        return ROWS.rows();
    }

    /** Binds the listed rooms and {@code :fullRoom}. */
    public StatementSpec bind(StatementSpec statement) {
        return ROWS.bind(statement, lessThanFull).param("fullRoom", full);
    }

    /** @param room deliveries the endpoint may still take on here, 0 for none */
    public record Room(UUID endpointId, int room) {
    }
}
