package io.uplink.acceptance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}): PostgreSQL — upload sessions, metadata, the outbox and its replication
 * slot, webhook deliveries — is stopped for 30 s while clients upload and webhooks are in flight, then started again
 * with its data. Clients retry 5xx; the services must reconnect on their own, and every upload must end as exactly
 * one row and one accepted webhook.
 */
class PostgresStoppedDuringIngestAndDeliveryScenario {

    private static final OutageDuringUploads OUTAGE = new OutageDuringUploads(4, 25, 30, Duration.ofSeconds(30));

    @RegisterExtension
    static final ScenarioTenant world = new ScenarioTenant("outage");

    @AfterAll
    static void leaveTheSuiteWhole() {
        world.suite().startPostgres();
    }

    @Test
    void everyUploadIsRecordedAndAnnouncedOnceWhenPostgresIsDownFor30Seconds() throws Exception {
        TenantBackend tenant = world.backend();
        OutageDuringUploads.Course course = OUTAGE.run(tenant, world.suite()::stopPostgres, world.suite()::startPostgres);

        Ledger ledger = Ledger.account("Postgres stopped for 30 s during ingest and delivery", course.keys(),
                ReliabilityChecks.awaitEveryAnnouncement(world.admin(), tenant, course.keys(), Duration.ofMinutes(3)),
                tenant.webhooks(), String.format("%d clients; Postgres stopped after %d uploads and %d webhooks (%d s in) for %d s"
                                + " (%d uploads completed meanwhile); %s; uploads took %d s",
                        OUTAGE.clients(), course.completedAtStop(), course.webhooksAtStop(), course.stoppedAfter().toSeconds(),
                        OUTAGE.outage().toSeconds(), course.completedWhileDown(), course.retries(),
                        course.uploading().toSeconds()));
        Ledger.keep(ledger);

        assertThat(ledger.eventsIn()).isEqualTo(OUTAGE.uploads());
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }
}
