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
 * Reliability (profile {@code reliability}): PostgreSQL — upload sessions, metadata, the outbox and its replication
 * slot, webhook deliveries — is stopped for 30 s while clients upload and webhooks are in flight, then started again
 * with its data. Clients retry 5xx; the services must reconnect on their own, and every upload must end as exactly
 * one row and one accepted webhook.
 */
class PostgresStoppedDuringIngestAndDeliveryScenario {

    private static final int CLIENTS = 4;
    private static final int UPLOADS_PER_CLIENT = 25;
    private static final int STOP_AFTER = 30;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static LocalStack suite;
    private static PlatformAdmin admin;
    private static TenantBackend tenant;

    @BeforeAll
    static void onboardATenant() {
        suite = RunningSuite.get();
        admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        tenant = TenantBackend.onboard(suite.gatewayUrl(), admin, "outage");
    }

    @AfterAll
    static void stopTheBackend() {
        suite.startPostgres(); // whatever happened, leave the suite whole
        if (tenant != null) {
            tenant.close();
        }
    }

    @Test
    void everyUploadIsRecordedAndAnnouncedOnceWhenPostgresIsDownFor30Seconds() throws Exception {
        Instant began = Instant.now();
        UploadLoad load = new UploadLoad(tenant, Duration.ofMinutes(3)).start(CLIENTS, UPLOADS_PER_CLIENT);
        load.awaitCompleted(STOP_AFTER, Duration.ofMinutes(3));
        suite.stopPostgres();
        int completedAtStop = load.completed();
        int webhooksAtStop = tenant.webhooks().size();
        Instant stoppedAt = Instant.now();
        Thread.sleep(OUTAGE.toMillis());
        int completedWhileDown = load.completed() - completedAtStop;
        suite.startPostgres();
        List<String> keys = load.finish(Duration.ofMinutes(5));
        Duration uploading = Duration.between(began, Instant.now());

        Ledger ledger = Ledger.account("Postgres stopped for 30 s during ingest and delivery", keys,
                ReliabilityChecks.awaitEveryAnnouncement(admin, tenant, keys, Duration.ofMinutes(3)),
                tenant.webhooks(), String.format("%d clients; Postgres stopped after %d uploads and %d webhooks (%d s in) for %d s"
                                + " (%d uploads completed meanwhile); %s; uploads took %d s",
                        CLIENTS, completedAtStop, webhooksAtStop, Duration.between(began, stoppedAt).toSeconds(),
                        OUTAGE.toSeconds(), completedWhileDown, load.retries(), uploading.toSeconds()));
        Ledger.keep(ledger);

        assertThat(ledger.eventsIn()).isEqualTo(CLIENTS * UPLOADS_PER_CLIENT);
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }
}
