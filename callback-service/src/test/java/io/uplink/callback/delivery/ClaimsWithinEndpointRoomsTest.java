package io.uplink.callback.delivery;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.endpoint.EndpointService;
import io.uplink.callback.fanout.MessageFanOut;
import io.uplink.callback.secretstore.SecretCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.uplink.callback.TestEvents.fileCreated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim, and the fan-out's lease of fresh deliveries, take of each endpoint no more than its room in this instance:
 * a busy endpoint's backlog stays in the queue instead of being claimed and handed straight back.
 */
@CallbackServiceTest
class ClaimsWithinEndpointRoomsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageFanOut messages;
    @Autowired
    DeliveryQueue queue;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    SecretCipher secrets;
    @Autowired
    EndpointService endpointService;

    @Test
    void aClaimTakesOfEachEndpointAtMostItsRoomAndNoneOfAnEndpointWithoutRoom() {
        String tenant = TestEndpoints.uniqueTenant("rooms");
        TestEndpoints endpoints = new TestEndpoints(jdbc);
        UUID busy = endpoints.insert(tenant, "http://127.0.0.1:9/busy", List.of(), false);
        UUID idle = endpoints.insert(tenant, "http://127.0.0.1:9/idle", List.of(), false);
        IntStream.range(0, 6).forEach(i -> messages.recordForEndpoint(fileCreated(tenant), busy));
        IntStream.range(0, 3).forEach(i -> messages.recordForEndpoint(fileCreated(tenant), idle));

        // enabled and claimed in one transaction, which is rolled back: the running worker never sends them (while
        // the endpoints were disabled, it may have parked their deliveries; enabling makes them due again)
        transactions.executeWithoutResult(status -> {
            List.of(busy, idle).forEach(endpoint -> endpointService.enable(tenant, endpoint));

            List<ClaimedDelivery> first = queue.claim(100, LEASE,
                    new EndpointRooms(4, List.of(new EndpointRooms.Room(busy, 2))));
            assertThat(countPerEndpoint(first)).containsOnly(Map.entry(busy, 2L), Map.entry(idle, 3L));

            assertThat(queue.claim(100, LEASE, new EndpointRooms(4, List.of(new EndpointRooms.Room(busy, 0)))))
                    .as("an endpoint without room keeps its due deliveries in the queue").isEmpty();

            assertThat(countPerEndpoint(queue.claim(100, LEASE, new EndpointRooms(3, List.of()))))
                    .as("an endpoint holding nothing here gets the full room")
                    .containsOnly(Map.entry(busy, 3L));
            status.setRollbackOnly();
        });
    }

    @Test
    void anEndpointWhoseDeliveriesWaitBehindABusyEndpointsBacklogIsClaimedAllTheSame() {
        String tenant = TestEndpoints.uniqueTenant("behind");
        TestEndpoints endpoints = new TestEndpoints(jdbc);
        UUID busy = endpoints.insert(tenant, "http://127.0.0.1:9/busy", List.of(), false);
        // several, so that ids all over the id space are reached, not only those after some starting point
        List<UUID> behind = IntStream.range(0, 6)
                .mapToObj(i -> endpoints.insert(tenant, "http://127.0.0.1:9/behind-" + i, List.of(), false)).toList();
        // more of the busy endpoint's rows, all due earlier, than a claim of 6 looks at in due order
        IntStream.range(0, 40).forEach(i -> messages.recordForEndpoint(fileCreated(tenant), busy));
        behind.forEach(endpoint -> messages.recordForEndpoint(fileCreated(tenant), endpoint));

        transactions.executeWithoutResult(status -> {
            endpointService.enable(tenant, busy);
            behind.forEach(endpoint -> endpointService.enable(tenant, endpoint));
            EndpointRooms busyIsFull = new EndpointRooms(4, List.of(new EndpointRooms.Room(busy, 0)));

            assertThat(queue.claim(6, LEASE, busyIsFull)).filteredOn(ofTenant(tenant)).map(ClaimedDelivery::endpointId)
                    .as("each endpoint behind the backlog is reached, the busy one left alone")
                    .containsExactlyInAnyOrderElementsOf(behind);
            assertThat(queue.claim(6, LEASE, busyIsFull)).filteredOn(ofTenant(tenant)).isEmpty();
            assertThat(countPerEndpoint(queue.claimOf(busy, 3, LEASE)))
                    .as("the busy endpoint's own claim still takes its earliest rows")
                    .containsOnly(Map.entry(busy, 3L));
            status.setRollbackOnly();
        });
    }

    @Test
    void theFanOutLeasesOfEachEndpointAtMostItsRoomAndStoresTheRestAsDue() {
        String tenant = TestEndpoints.uniqueTenant("fresh-rooms");
        TestEndpoints endpoints = new TestEndpoints(jdbc);
        UUID busy = endpoints.insert(tenant, "http://127.0.0.1:9/busy", List.of(), true);
        UUID quiet = endpoints.insert(tenant, "http://127.0.0.1:9/quiet", List.of(), true);
        List<ClaimedDelivery> handedOver = new ArrayList<>();
        DeliveryHandOff worker = new DeliveryHandOff() {
            @Override
            public Reservation reserve(int wanted) {
                return new Reservation(100, LEASE, new EndpointRooms(3, List.of(new EndpointRooms.Room(busy, 1))));
            }

            @Override
            public void handOver(Reservation reservation, List<ClaimedDelivery> leased) {
                handedOver.addAll(leased);
            }
        };
        // not the application's fan-out: its worker would send them to these unreachable endpoints
        transactions.executeWithoutResult(status -> {
            MessageFanOut.BatchResult stored = new MessageFanOut(jdbc, worker, secrets)
                    .recordAll(IntStream.range(0, 5)
                            .mapToObj(i -> new MessageFanOut.ConsumedEvent(fileCreated(tenant), null)).toList());

            assertThat(stored).isEqualTo(new MessageFanOut.BatchResult(5, 10));
            assertThat(countPerEndpoint(handedOver)).containsOnly(Map.entry(busy, 1L), Map.entry(quiet, 3L));
            assertThat(jdbc.sql("select count(*) from deliveries where tenant_id = ? and locked_until is null")
                    .param(tenant).query(Long.class).single()).as("stored due, for a later claim").isEqualTo(6);
            status.setRollbackOnly();
        });
    }

    private static java.util.function.Predicate<ClaimedDelivery> ofTenant(String tenant) {
        return delivery -> delivery.tenantId().equals(tenant);
    }

    private static Map<UUID, Long> countPerEndpoint(List<ClaimedDelivery> deliveries) {
        return deliveries.stream().collect(java.util.stream.Collectors.groupingBy(ClaimedDelivery::endpointId,
                java.util.stream.Collectors.counting()));
    }
}
