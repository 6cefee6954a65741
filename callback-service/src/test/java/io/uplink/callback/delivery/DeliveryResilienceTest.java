package io.uplink.callback.delivery;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.delivery.WebhookReceiver.Reply;
import io.uplink.callback.endpoint.EndpointService;
import io.uplink.callback.fanout.MessageFanOut;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.uplink.callback.TestEvents.fileCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@CallbackServiceTest
class DeliveryResilienceTest {

    private static final EndpointRooms ROOM_FOR_ALL = new EndpointRooms(1_000, List.of());

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageFanOut messages;
    @Autowired
    DeliveryQueue queue;
    @Autowired
    WebhookSender sender;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    EndpointService endpointService;

    @Test
    void aWorkerThatDiesAfterSendingLeavesTheDeliveryToBeSentAgainWithTheSameWebhookId() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("crash");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            UUID endpointId = new TestEndpoints(jdbc).insert(tenant, receiver.url("/crash"), List.of(), false);
            UUID deliveryId = messages.recordForEndpoint(fileCreated(tenant), endpointId).deliveryId();

            Instant claimedAt = Instant.now();
            // enabling and claiming in one transaction: the running worker cannot see the delivery before our lease
            List<ClaimedDelivery> claimed = transactions.execute(status -> {
                endpointService.enable(tenant, endpointId);
                return queue.claim(10, Duration.ofSeconds(2), ROOM_FOR_ALL);
            });
            assertThat(claimed).extracting(ClaimedDelivery::id).contains(deliveryId);
            ClaimedDelivery mine = claimed.stream().filter(d -> d.id().equals(deliveryId)).findFirst().orElseThrow();
            assertThat(sender.send(mine, null).block().statusCode()).isEqualTo(200);
            // ...and the "crashed" worker never records the outcome

            await().atMost(Duration.ofSeconds(15)).until(() -> status(deliveryId).equals("succeeded"));
            assertThat(receiver.received()).hasSize(2);
            assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(receiver.received().get(1).header("webhook-id"));
            // not before the dead worker's lease ran out
            assertThat(Duration.between(claimedAt, receiver.received().get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
            assertThat(jdbc.sql("select attempt_count from deliveries where id = ?").param(deliveryId)
                    .query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void workersOfSeveralReplicasNeverClaimTheSameDeliveryTwice() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("replicas");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            UUID endpointId = new TestEndpoints(jdbc).insert(tenant, receiver.url("/shared"), List.of(), true);
            int total = 60;
            for (int i = 0; i < total; i++) {
                messages.recordForEndpoint(fileCreated(tenant), endpointId);
            }

            // three more "replicas" beside the application's own worker, claiming from the same table
            Set<UUID> claimedByReplicas = ConcurrentHashMap.newKeySet();
            List<UUID> duplicates = new ArrayList<>();
            ExecutorService replicas = Executors.newFixedThreadPool(3);
            List<Future<?>> running = new ArrayList<>();
            Instant until = Instant.now().plusSeconds(5);
            for (int r = 0; r < 3; r++) {
                running.add(replicas.submit(() -> {
                    while (Instant.now().isBefore(until)) {
                        for (ClaimedDelivery delivery : queue.claim(5, Duration.ofSeconds(30), ROOM_FOR_ALL)) {
                            if (!claimedByReplicas.add(delivery.id())) {
                                synchronized (duplicates) {
                                    duplicates.add(delivery.id());
                                }
                            }
                            AttemptResult result = sender.send(delivery, null).block();
                            queue.recordAll(List.of(new Dispatch.Recorded(delivery, result,
                                    result.succeeded() ? Outcome.DELIVERED : Outcome.GIVEN_UP, null)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> replica : running) {
                replica.get();
            }
            replicas.shutdown();

            await().atMost(Duration.ofSeconds(15)).until(() -> receiver.received().size() >= total);
            Thread.sleep(500);
            List<String> ids = receiver.received().stream().map(r -> r.header("webhook-id")).toList();
            assertThat(duplicates).isEmpty();
            assertThat(ids).hasSize(total).doesNotHaveDuplicates();
            assertThat(jdbc.sql("select count(*) from deliveries where endpoint_id = ? and status = 'succeeded' and attempt_count = 1")
                    .param(endpointId).query(Integer.class).single()).isEqualTo(total);
        }
    }

    @Test
    void aChaoticReceiverGetsEveryMessageEventuallyOrTheDeliveryFailsBySchedule() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("chaos");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> {
            int roll = ThreadLocalRandom.current().nextInt(100);
            if (roll < 30) {
                return new Reply(500, "flaky".getBytes(), 0);
            }
            if (roll < 40) {
                return new Reply(200, "too late".getBytes(), 5_000);
            }
            if (roll < 50) {
                return new Reply(-1, new byte[0], 0);
            }
            return Reply.status(200);
        })) {
            UUID endpointId = new TestEndpoints(jdbc).insert(tenant, receiver.url("/chaos"), List.of(), true);
            List<UUID> deliveries = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                deliveries.add(messages.recordForEndpoint(fileCreated(tenant), endpointId).deliveryId());
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                            "select count(*) from deliveries where endpoint_id = ? and status = 'pending'")
                    .param(endpointId).query(Integer.class).single() == 0);

            Set<UUID> succeeded = new HashSet<>(jdbc.sql(
                            "select id from deliveries where endpoint_id = ? and status = 'succeeded'")
                    .param(endpointId).query(UUID.class).list());
            Set<UUID> failed = new HashSet<>(jdbc.sql(
                            "select id from deliveries where endpoint_id = ? and status = 'failed' and attempt_count = 3")
                    .param(endpointId).query(UUID.class).list());
            assertThat(succeeded.size() + failed.size()).isEqualTo(deliveries.size());
            assertThat(succeeded).isNotEmpty();
            Set<String> receivedIds = new HashSet<>();
            receiver.received().forEach(r -> receivedIds.add(r.header("webhook-id")));
            List<String> succeededWebhookIds = jdbc.sql("""
                            select 'msg_' || replace(message_id::text, '-', '') from deliveries
                            where endpoint_id = ? and status = 'succeeded'""")
                    .param(endpointId).query(String.class).list();
            assertThat(receivedIds).containsAll(succeededWebhookIds);
        }
    }

    private String status(UUID deliveryId) {
        return jdbc.sql("select status from deliveries where id = ?").param(deliveryId).query(String.class).single();
    }
}
