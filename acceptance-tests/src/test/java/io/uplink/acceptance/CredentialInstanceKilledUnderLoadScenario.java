package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}): one of the two credential-service instances is killed (SIGKILL) while
 * four clients upload through the gateway. Every upload must still complete and end as exactly one row and one
 * accepted webhook. The ledger notes which statuses the clients saw and retried: the gateway replays a request cut off
 * by the kill on the other instance (it answered 500 when this scenario was written, then 502; now clients see none).
 */
class CredentialInstanceKilledUnderLoadScenario {

    private static final int CLIENTS = 4;
    private static final int UPLOADS_PER_CLIENT = 15;
    private static final int KILL_AFTER = 15;
    private static final String VICTIM = "credential-2";

    @RegisterExtension
    static final ScenarioTenant world = new ScenarioTenant("busy");

    @AfterAll
    static void bringTheInstanceBack() {
        // Leave the suite whole for whatever runs next in this JVM.
        world.suite().restart(VICTIM);
    }

    @Test
    void everyUploadCompletesAndIsAnnouncedOnceWhenACredentialInstanceIsKilledUnderLoad() throws Exception {
        LocalStack suite = world.suite();
        TenantBackend tenant = world.backend();
        Instant began = Instant.now();
        UploadLoad load = new UploadLoad(tenant, Duration.ofSeconds(60)).start(CLIENTS, UPLOADS_PER_CLIENT);
        load.awaitCompleted(KILL_AFTER, Duration.ofMinutes(3));
        suite.kill(VICTIM);
        Instant killedAt = Instant.now();
        List<String> keys = load.finish(Duration.ofMinutes(5));
        Duration uploading = Duration.between(began, Instant.now());

        Ledger ledger = Ledger.account("one credential-service instance killed under gateway load", keys,
                ReliabilityChecks.awaitEveryAnnouncement(world.admin(), tenant, keys, Announcements.PIPELINE),
                tenant.webhooks(), String.format("%d clients, %s SIGKILLed after %d uploads (%d s in); %s; uploads took %d s",
                        CLIENTS, VICTIM, KILL_AFTER, Duration.between(began, killedAt).toSeconds(), load.retries(),
                        uploading.toSeconds()));
        Ledger.keep(ledger);

        assertThat(ledger.eventsIn()).isEqualTo(CLIENTS * UPLOADS_PER_CLIENT);
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }
}
