package io.uplink.callback.delivery;

import io.uplink.callback.ApiClient;
import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.delivery.WebhookReceiver.Reply;
import io.uplink.callback.endpoint.EndpointService;
import io.uplink.callback.fanout.MessageFanOut;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.uplink.callback.TestEvents.fileCreated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A disabled endpoint's pending deliveries wait parked, out of the due order the claims walk, and are due again, the
 * longest waiting first, once the endpoint is enabled.
 */
@CallbackServiceTest
class ParkedDeliveriesTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final EndpointRooms ROOM_FOR_ALL = new EndpointRooms(1_000, List.of());

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MessageFanOut messages;
    @Autowired
    DeliveryQueue queue;
    @Autowired
    EndpointService endpointService;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void disablingAnEndpointParksItsPendingDeliveriesAndEnablingMakesThemDueInTheOrderTheyWereCreated() {
        String tenant = TestEndpoints.uniqueTenant("parked");
        // in one transaction, rolled back: the running worker never sees the endpoint or its deliveries
        transactions.executeWithoutResult(status -> {
            UUID endpoint = new TestEndpoints(jdbc).insert(tenant, "http://127.0.0.1:9/parked", List.of(), true);
            List<UUID> inCreationOrder = IntStream.range(0, 3).mapToObj(i -> {
                UUID delivery = messages.recordForEndpoint(fileCreated(tenant), endpoint).deliveryId();
                // created a minute apart, due in the opposite order (as retries can be)
                jdbc.sql("update deliveries set created_at = now() - make_interval(mins => 10 - ?),"
                        + " next_attempt_at = now() - make_interval(secs => ?) where id = ?")
                        .params(i, i, delivery).update();
                return delivery;
            }).toList();

            endpointService.disable(tenant, endpoint, "maintenance");

            assertThat(count("endpoint_id = ? and status = 'pending' and next_attempt_at = 'infinity'", endpoint))
                    .as("parked: pending, never due").isEqualTo(3);

            endpointService.enable(tenant, endpoint);

            assertThat(jdbc.sql("select id from deliveries where endpoint_id = ? and next_attempt_at <= now()"
                            + " order by next_attempt_at").param(endpoint).query(UUID.class).list())
                    .as("due again, each since its creation").containsExactlyElementsOf(inCreationOrder);
            assertThat(queue.claimOf(endpoint, 10, LEASE)).extracting(ClaimedDelivery::id)
                    .containsExactlyInAnyOrderElementsOf(inCreationOrder);
            status.setRollbackOnly();
        });
    }

    @Test
    void aDeliveryBeingSentStaysLeasedThroughDisablingAndEnabling() {
        String tenant = TestEndpoints.uniqueTenant("leased");
        transactions.executeWithoutResult(status -> {
            UUID endpoint = new TestEndpoints(jdbc).insert(tenant, "http://127.0.0.1:9/leased", List.of(), true);
            IntStream.range(0, 2).forEach(i -> messages.recordForEndpoint(fileCreated(tenant), endpoint));
            UUID sending = queue.claimOf(endpoint, 1, LEASE).get(0).id();

            endpointService.disable(tenant, endpoint, "maintenance");

            assertThat(count("endpoint_id = ? and next_attempt_at = 'infinity'", endpoint)).as("the other one")
                    .isEqualTo(1);
            assertThat(leasedUntil(sending)).as("still the worker's").isAfter(Instant.now());

            endpointService.enable(tenant, endpoint);

            assertThat(leasedUntil(sending)).as("not made due while a worker sends it").isAfter(Instant.now());
            assertThat(queue.claimOf(endpoint, 10, LEASE)).extracting(ClaimedDelivery::id).doesNotContain(sending)
                    .hasSize(1);
            status.setRollbackOnly();
        });
    }

    @Test
    void aClaimThatMeetsDueDeliveriesOfADisabledEndpointParksThemAndTakesTheOthers() {
        String tenant = TestEndpoints.uniqueTenant("met");
        TestEndpoints endpoints = new TestEndpoints(jdbc);
        transactions.executeWithoutResult(status -> {
            // due rows of a disabled endpoint, as a resend or a retry that raced the disabling leaves them, and due
            // rows of an enabled one: all due a year ago, ahead of whatever else the shared database holds
            UUID disabled = endpoints.insert(tenant, "http://127.0.0.1:9/disabled", List.of(), false);
            IntStream.range(0, 5).forEach(i -> messages.recordForEndpoint(fileCreated(tenant), disabled));
            UUID enabled = endpoints.insert(tenant, "http://127.0.0.1:9/enabled", List.of(), true);
            List<UUID> enabledDeliveries = IntStream.range(0, 2)
                    .mapToObj(i -> messages.recordForEndpoint(fileCreated(tenant), enabled).deliveryId()).toList();
            jdbc.sql("update deliveries set next_attempt_at = now() - interval '1 year' where tenant_id = ?")
                    .param(tenant).update();

            assertThat(queue.claim(10, LEASE, ROOM_FOR_ALL)).extracting(ClaimedDelivery::id)
                    .containsAll(enabledDeliveries);

            assertThat(count("endpoint_id = ? and next_attempt_at = 'infinity'", disabled)).isEqualTo(5);
            status.setRollbackOnly();
        });
    }

    @Test
    void theLogShowsAParkedDeliveryPendingWithNoNextAttemptAndEnablingTheEndpointDeliversIt() throws Exception {
        String tenant = TestEndpoints.uniqueTenant("waiting");
        try (WebhookReceiver receiver = new WebhookReceiver("127.0.0.1", n -> Reply.status(200))) {
            UUID endpoint = new TestEndpoints(jdbc).insert(tenant, receiver.url("/waiting"), List.of(), false);
            MessageFanOut.DirectDelivery waiting = messages.recordForEndpoint(fileCreated(tenant), endpoint);
            ApiClient api = new ApiClient(port, tenant);
            String endpointPath = "/api/v1/webhooks/endpoints/" + endpoint;

            assertThat(api.post(endpointPath + "/disable", Map.of("reason", "maintenance")).status()).isEqualTo(200);

            Map<?, ?> delivery = (Map<?, ?>) ((List<?>) api.get("/api/v1/webhooks/messages/" + waiting.messageId())
                    .json().get("deliveries")).get(0);
            assertThat(delivery.get("status")).isEqualTo("pending");
            assertThat(delivery.get("nextAttemptAt")).as("waits for the endpoint, not for a time").isNull();
            assertThat(receiver.received()).isEmpty();

            assertThat(api.post(endpointPath + "/enable", null).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select status from deliveries where id = ?")
                    .param(waiting.deliveryId()).query(String.class).single().equals("succeeded"));
        }
    }

    private Instant leasedUntil(UUID delivery) {
        return jdbc.sql("select locked_until from deliveries where id = ?").param(delivery)
                .query(Timestamp.class).single().toInstant();
    }

    private long count(String where, UUID endpoint) {
        return jdbc.sql("select count(*) from deliveries where " + where).param(endpoint).query(Long.class).single();
    }
}
