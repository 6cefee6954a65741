package io.uplink.callback.delivery;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.endpoint.EndpointService;
import io.uplink.callback.fanout.MessageFanOut;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.uplink.callback.TestEvents.fileCreated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recording a batch of sent attempts moves each delivery on to its outcome and logs its attempt, in one statement;
 * deleting an endpoint deletes its deliveries and the log of its attempts. Each test runs in one transaction, rolled
 * back, so the running worker never sees its endpoints.
 */
@CallbackServiceTest
class RecordedAttemptsTest {

    private static final Duration LEASE = Duration.ofSeconds(30);

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
    void anAttemptWhoseEndpointWasDeletedWhileItWasSentIsNotLoggedAndTheRestOfTheBatchIsRecorded() {
        String tenant = TestEndpoints.uniqueTenant("recorded");
        transactions.executeWithoutResult(status -> {
            UUID kept = endpoint(tenant, "kept");
            UUID deleted = endpoint(tenant, "deleted");
            UUID keptDelivery = messages.recordForEndpoint(fileCreated(tenant), kept).deliveryId();
            messages.recordForEndpoint(fileCreated(tenant), deleted);
            List<ClaimedDelivery> sent = new ArrayList<>(queue.claimOf(kept, 10, LEASE));
            sent.addAll(queue.claimOf(deleted, 10, LEASE));
            assertThat(sent).hasSize(2);

            endpointService.delete(tenant, deleted);
            queue.recordAll(sent.stream().map(RecordedAttemptsTest::succeeded).toList());

            assertThat(jdbc.sql("select status, attempt_count from deliveries where tenant_id = ?").param(tenant)
                    .query((rs, n) -> rs.getString(1) + " " + rs.getInt(2)).list())
                    .containsExactly("succeeded 1");
            assertThat(jdbc.sql("select delivery_id from attempts where tenant_id = ?").param(tenant)
                    .query(UUID.class).list()).containsExactly(keptDelivery);
            status.setRollbackOnly();
        });
    }

    @Test
    void deletingAnEndpointDeletesItsDeliveriesAndTheLogOfItsAttemptsAndNoOtherEndpointsOnes() {
        String tenant = TestEndpoints.uniqueTenant("recorded-delete");
        transactions.executeWithoutResult(status -> {
            UUID kept = endpoint(tenant, "kept");
            UUID deleted = endpoint(tenant, "deleted");
            for (UUID endpoint : List.of(kept, deleted)) {
                messages.recordForEndpoint(fileCreated(tenant), endpoint);
                queue.recordAll(queue.claimOf(endpoint, 10, LEASE).stream().map(RecordedAttemptsTest::succeeded)
                        .toList());
            }
            assertThat(count("attempts", deleted)).isEqualTo(1);

            endpointService.delete(tenant, deleted);

            assertThat(count("deliveries", deleted)).isZero();
            assertThat(count("attempts", deleted)).isZero();
            assertThat(count("deliveries", kept)).isEqualTo(1);
            assertThat(count("attempts", kept)).isEqualTo(1);
            status.setRollbackOnly();
        });
    }

    /** An enabled endpoint nothing listens on; the test's transaction is rolled back before any worker sees it. */
    private UUID endpoint(String tenant, String name) {
        return new TestEndpoints(jdbc).insert(tenant, "http://127.0.0.1:9/" + name, List.of(), true);
    }

    private int count(String table, UUID endpoint) {
        return jdbc.sql("select count(*) from " + table + " where endpoint_id = ?").param(endpoint)
                .query(Integer.class).single();
    }

    private static Dispatch.Recorded succeeded(ClaimedDelivery delivery) {
        return new Dispatch.Recorded(delivery, new AttemptResult(204, 3, "", null), Outcome.DELIVERED, null);
    }
}
