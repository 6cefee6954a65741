package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}): the Kafka broker — completions from credential-service, ingestion by
 * metadata-service, the outbox relay's {@code uplink.files.events}, callback-service's consumption — is stopped for 15 s
 * while clients upload and webhooks are in flight, then started again on the same port with its logs (a restart, not a
 * fresh broker). Completions Kafka did not acknowledge answer 503 and the clients retry them; every producer and
 * consumer must reconnect on its own, and every upload must end as exactly one row and one accepted webhook.
 */
class KafkaBrokerRestartedScenario {

    private static final int CLIENTS = 4;
    private static final int UPLOADS_PER_CLIENT = 20;
    private static final int STOP_AFTER = 25;
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    private static LocalStack suite;
    private static PlatformAdmin admin;
    private static TenantBackend tenant;

    @BeforeAll
    static void onboardATenant() {
        suite = RunningSuite.get();
        admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        tenant = TenantBackend.onboard(suite.gatewayUrl(), admin, "kafka-restart");
    }

    @AfterAll
    static void stopTheBackend() {
        suite.startKafka(); // whatever happened, leave the suite whole
        if (tenant != null) {
            tenant.close();
        }
    }

    @Test
    void everyUploadIsRecordedAndAnnouncedOnceWhenTheKafkaBrokerRestarts() throws Exception {
        Instant began = Instant.now();
        UploadLoad load = new UploadLoad(tenant, Duration.ofMinutes(3)).start(CLIENTS, UPLOADS_PER_CLIENT);
        load.awaitCompleted(STOP_AFTER, Duration.ofMinutes(3));
        Instant stoppedAt = Instant.now();
        suite.stopKafka();
        int completedAtStop = load.completed();
        int webhooksAtStop = tenant.webhooks().size();
        Thread.sleep(OUTAGE.toMillis());
        int completedWhileDown = load.completed() - completedAtStop;
        Instant restarting = Instant.now();
        suite.startKafka();
        Duration restart = Duration.between(restarting, Instant.now());
        List<String> keys = load.finish(Duration.ofMinutes(5));
        Duration uploading = Duration.between(began, Instant.now());

        Ledger ledger = Ledger.account("Kafka broker restarted during ingest and delivery", keys,
                ReliabilityChecks.awaitEveryAnnouncement(admin, tenant, keys, Duration.ofMinutes(3)),
                tenant.webhooks(), String.format("%d clients; broker stopped after %d uploads and %d webhooks (%d s in)"
                                + " for %d s, leading its partitions again %.1f s after its start (%d uploads completed meanwhile); %s;"
                                + " uploads took %d s",
                        CLIENTS, completedAtStop, webhooksAtStop, Duration.between(began, stoppedAt).toSeconds(),
                        OUTAGE.toSeconds(), restart.toMillis() / 1000.0, completedWhileDown, load.retries(),
                        uploading.toSeconds()));
        Ledger.keep(ledger);

        assertThat(ledger.eventsIn()).isEqualTo(CLIENTS * UPLOADS_PER_CLIENT);
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }
}
