package io.uplink.acceptance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}): the Kafka broker — completions from credential-service, ingestion by
 * metadata-service, the outbox relay's {@code uplink.files.events}, callback-service's consumption — is stopped for 15 s
 * while clients upload and webhooks are in flight, then started again on the same port with its logs (a restart, not a
 * fresh broker). Completions Kafka did not acknowledge answer 503 and the clients retry them; every producer and
 * consumer must reconnect on its own, and every upload must end as exactly one row and one accepted webhook.
 */
class KafkaBrokerRestartedScenario {

    private static final OutageDuringUploads OUTAGE = new OutageDuringUploads(4, 20, 25, Duration.ofSeconds(15));

    @RegisterExtension
    static final ScenarioTenant world = new ScenarioTenant("kafka-restart");

    @AfterAll
    static void leaveTheSuiteWhole() {
        world.suite().startKafka();
    }

    @Test
    void everyUploadIsRecordedAndAnnouncedOnceWhenTheKafkaBrokerRestarts() throws Exception {
        TenantBackend tenant = world.backend();
        OutageDuringUploads.Course course = OUTAGE.run(tenant, world.suite()::stopKafka, world.suite()::startKafka);

        Ledger ledger = Ledger.account("Kafka broker restarted during ingest and delivery", course.keys(),
                ReliabilityChecks.awaitEveryAnnouncement(world.admin(), tenant, course.keys(), Duration.ofMinutes(3)),
                tenant.webhooks(), String.format("%d clients; broker stopped after %d uploads and %d webhooks (%d s in)"
                                + " for %d s, leading its partitions again %.1f s after its start (%d uploads completed meanwhile); %s;"
                                + " uploads took %d s",
                        OUTAGE.clients(), course.completedAtStop(), course.webhooksAtStop(), course.stoppedAfter().toSeconds(),
                        OUTAGE.outage().toSeconds(), course.comingBack().toMillis() / 1000.0, course.completedWhileDown(),
                        course.retries(), course.uploading().toSeconds()));
        Ledger.keep(ledger);

        assertThat(ledger.eventsIn()).isEqualTo(OUTAGE.uploads());
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }
}
