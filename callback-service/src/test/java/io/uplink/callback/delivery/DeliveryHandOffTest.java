package io.uplink.callback.delivery;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.delivery.WebhookReceiver.Reply;
import io.uplink.callback.fanout.MessageFanOut;
import io.uplink.callback.secretstore.SecretCipher;
import io.uplink.contracts.FileEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.uplink.callback.TestEvents.fileCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fan-out stores fresh deliveries already leased to its instance's worker and hands them over, so their first
 * attempt needs no claim. What that must not cost: durability (stored before handed over) and at-least-once (a
 * leased delivery the worker never sends is due again after its lease).
 */
@CallbackServiceTest
class DeliveryHandOffTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SecretCipher secrets;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void leasedDeliveriesAreStoredBeforeTheHandOverAndComeBackAfterTheirLeaseWhenTheWorkerDiesBeforeSendingThem()
            throws Exception {
        String tenant = TestEndpoints.uniqueTenant("handoff");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            TestEndpoints endpoints = new TestEndpoints(jdbc);
            for (int i = 0; i < 3; i++) {
                endpoints.insert(tenant, receiver.url("/handoff/" + i), List.of(), true);
            }
            // a worker with room for two that dies as soon as they are handed over: it never sends them
            DeliveryHandOff.Reservation reservation = new DeliveryHandOff.Reservation(2, Duration.ofSeconds(2),
                    new EndpointRooms(24, List.of()));
            List<ClaimedDelivery> handedOver = new ArrayList<>();
            List<Long> storedWhenHandedOver = new ArrayList<>();
            DeliveryHandOff dyingWorker = new DeliveryHandOff() {
                @Override
                public Reservation reserve(int wanted) {
                    return reservation;
                }

                @Override
                public void handOver(Reservation given, List<ClaimedDelivery> leased) {
                    assertThat(given).isEqualTo(reservation);
                    handedOver.addAll(leased);
                    storedWhenHandedOver.add(jdbc.sql("select count(*) from deliveries where tenant_id = ?")
                            .param(tenant).query(Long.class).single());
                }
            };
            FileEvent event = fileCreated(tenant);
            Instant stored = Instant.now();

            MessageFanOut.BatchResult result = new MessageFanOut(jdbc, dyingWorker, secrets).recordAll(
                    List.of(new MessageFanOut.ConsumedEvent(event, null)));

            assertThat(result).isEqualTo(new MessageFanOut.BatchResult(1, 3));
            // committed, all three, before anything was handed over
            assertThat(storedWhenHandedOver).containsExactly(3L);
            assertThat(handedOver).hasSize(2).allSatisfy(delivery -> {
                assertThat(delivery.attemptCount()).isZero();
                assertThat(delivery.tenantId()).isEqualTo(tenant);
                assertThat(delivery.url()).startsWith(receiver.url("/handoff/"));
                assertThat(delivery.message().payload()).isEqualTo(jdbc.sql("select payload from messages where event_id = ?")
                        .param(event.eventId()).query(String.class).single());
            });
            Set<UUID> leased = handedOver.stream().map(ClaimedDelivery::id).collect(Collectors.toSet());
            for (UUID id : leased) {
                Map<String, Object> row = jdbc.sql("select next_attempt_at, locked_until from deliveries where id = ?")
                        .param(id).query().singleRow();
                // invisible to claims for the lease (the one not leased is claimed meanwhile: not checked here)
                assertThat(row.get("locked_until")).isNotNull();
                assertThat(((Timestamp) row.get("next_attempt_at")).toInstant())
                        .isAfterOrEqualTo(stored.plus(Duration.ofMillis(1_900)));
            }

            // the one not leased is claimed by the application's worker; the leased ones only after their lease
            await().atMost(Duration.ofSeconds(20)).until(() -> succeeded(tenant) == 3);
            assertThat(receiver.received()).hasSize(3);
            for (UUID id : leased) {
                Instant attempted = jdbc.sql("select attempted_at from attempts where delivery_id = ?").param(id)
                        .query(Timestamp.class).single().toInstant();
                assertThat(Duration.between(stored, attempted)).isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
                assertThat(jdbc.sql("select attempt_count from deliveries where id = ?").param(id)
                        .query(Integer.class).single()).isEqualTo(1);
            }
        }
    }

    @Test
    void theFanOutAsksForRoomForAsManyDeliveriesAsItsLastBatchMadePerEvent() {
        // in one transaction, rolled back: the running worker never sees the endpoints or their deliveries
        transactions.executeWithoutResult(status -> {
            assertThat(roomAskedFor(TestEndpoints.uniqueTenant("handoff-room")))
                    // no guess yet: one per event; then three per event (three endpoints), until a message made none
                    .containsExactly(1, 6, 3, 3, 3, 1);
            status.setRollbackOnly();
        });
    }

    private List<Integer> roomAskedFor(String tenant) {
        TestEndpoints endpoints = new TestEndpoints(jdbc);
        for (int i = 0; i < 3; i++) {
            endpoints.insert(tenant, "http://127.0.0.1:9/room/" + i, List.of(), true);
        }
        List<Integer> asked = new ArrayList<>();
        DeliveryHandOff noRoom = new DeliveryHandOff() {
            @Override
            public Reservation reserve(int wanted) {
                asked.add(wanted);
                return Reservation.NONE;
            }

            @Override
            public void handOver(Reservation given, List<ClaimedDelivery> leased) {
                assertThat(leased).isEmpty();
            }
        };
        MessageFanOut fanOut = new MessageFanOut(jdbc, noRoom, secrets);

        fanOut.recordAll(List.of(new MessageFanOut.ConsumedEvent(fileCreated(tenant), null)));
        fanOut.recordAll(List.of(new MessageFanOut.ConsumedEvent(fileCreated(tenant), null),
                new MessageFanOut.ConsumedEvent(fileCreated(tenant), null)));
        // a batch of events already stored makes nothing and changes no guess
        FileEvent stored = fileCreated(tenant);
        fanOut.recordAll(List.of(new MessageFanOut.ConsumedEvent(stored, null)));
        fanOut.recordAll(List.of(new MessageFanOut.ConsumedEvent(stored, null)));
        fanOut.recordAll(List.of(new MessageFanOut.ConsumedEvent(fileCreated("no-endpoints-" + tenant), null)));
        fanOut.recordAll(List.of(new MessageFanOut.ConsumedEvent(fileCreated(tenant), null)));
        return asked;
    }

    private int succeeded(String tenant) {
        return jdbc.sql("select count(*) from deliveries where tenant_id = ? and status = 'succeeded'")
                .param(tenant).query(Integer.class).single();
    }
}
