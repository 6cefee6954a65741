package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}): metadata-service — ingestion, the outbox relay, and the key registry the
 * gateway resolves API keys with — is killed (SIGKILL) while clients upload, and restarted. Completions published
 * meanwhile wait in Kafka; the gateway keeps serving keys it has cached. Every upload must end as exactly one row and
 * one accepted webhook. Every metadata-service instance of the suite is killed. Uploads through the gateway, so a
 * scaled-down companion of {@link MetadataServiceKilledDuringFullSizeIngestScenario} (the 100,000 events).
 */
class MetadataServiceKilledDuringIngestScenario {

    private static final int CLIENTS = 4;
    private static final int UPLOADS_PER_CLIENT = 50;
    private static final int KILL_AFTER = 40;
    private static final String VICTIM = "metadata-service";

    @RegisterExtension
    static final ScenarioTenant world = new ScenarioTenant("ingest");


    @Test
    void everyUploadIsRecordedAndAnnouncedOnceWhenMetadataServiceIsKilledAndRestartedDuringIngest() throws Exception {
        LocalStack suite = world.suite();
        TenantBackend tenant = world.backend();
        Instant began = Instant.now();
        UploadLoad load = new UploadLoad(tenant, Duration.ofMinutes(3)).start(CLIENTS, UPLOADS_PER_CLIENT);
        load.awaitCompleted(KILL_AFTER, Duration.ofMinutes(3));
        // Every instance (the suite may run a standby too): metadata-service is down, not just one replica.
        List<String> victims = suite.instancesOf(VICTIM);
        victims.forEach(suite::kill);
        int completedAtKill = load.completed();
        Instant killedAt = Instant.now();
        suite.restart(victims.toArray(String[]::new));
        Duration down = Duration.between(killedAt, Instant.now());
        int completedWhileDown = load.completed() - completedAtKill;
        List<String> keys = load.finish(Duration.ofMinutes(5));

        Ledger ledger = Ledger.account("metadata-service killed and restarted during ingest", keys,
                ReliabilityChecks.awaitEveryAnnouncement(world.admin(), tenant, keys, Duration.ofMinutes(3)),
                tenant.webhooks(), String.format("%d clients; %s SIGKILLed after %d uploads (%d s in), ready again %d s later (%d uploads completed meanwhile); %s",
                        CLIENTS, String.join(" + ", victims), completedAtKill, Duration.between(began, killedAt).toSeconds(), down.toSeconds(),
                        completedWhileDown, load.retries()));
        Ledger.keep(ledger);

        assertThat(ledger.eventsIn()).isEqualTo(CLIENTS * UPLOADS_PER_CLIENT);
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }
}
