package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import io.uplink.testsupport.PostgresEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}), the issue's full size: 100,000 uploads complete at the store, which
 * publishes one MinIO object-created notification each to {@code uplink.storage.events} (published up front, as a
 * backlog after a burst would be). metadata-service — every instance — is killed (SIGKILL) once about a fifth of
 * them are stored and is restarted; meanwhile webhooks for what was stored keep going out. Every notification must
 * end as exactly one row and one accepted {@code file.created} webhook at the tenant's backend, which verifies
 * every signature and keeps only tallies (webhook-ids per key).
 *
 * <p>100,000 uploads through the gateway would take far longer than CI allows, which is why this scenario starts at
 * the store's notification; {@link MetadataServiceKilledDuringIngestScenario} covers the same fault with uploads
 * through the gateway. Rows are counted in Postgres directly: the admin API would page 1,000 times. The count is
 * the system property {@code uplink.reliability.ingest-events} (the reliability profile sets 100,000).
 */
class MetadataServiceKilledDuringFullSizeIngestScenario {

    private static final int EVENTS = Integer.getInteger("uplink.reliability.ingest-events", 100_000);
    private static final String VICTIM = "metadata-service";
    private static final Duration STALLED = Duration.ofMinutes(2);
    private static final Duration OVERALL = Duration.ofMinutes(20);

    private static LocalStack suite;
    private static PlatformAdmin admin;
    private static String tenantId;
    private static CountingWebhookBackend backend;

    @BeforeAll
    static void onboardATenantWithAFastBackend() {
        suite = RunningSuite.get();
        admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        tenantId = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createTenant(tenantId, "bulk ingest (acceptance)");
        String apiKey = admin.issueApiKey(tenantId);
        backend = CountingWebhookBackend.start();
        Gateway.Answer endpoint = new Gateway(suite.gatewayUrl(), () -> apiKey).post("/api/v1/webhooks/endpoints", Map.of(
                "url", backend.url(), "description", tenantId + " backend", "eventTypes", List.of("file.created")));
        assertThat(endpoint.status()).as("register webhook endpoint: %s", endpoint.body()).isEqualTo(201);
        backend.trust(endpoint.json().path("secret").asString());
    }

    @AfterAll
    static void stopTheBackend() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void everyStorageNotificationIsRecordedAndAnnouncedOnceWhenMetadataServiceIsKilledDuringAFullSizeIngest() throws Exception {
        List<String> keys = StorageNotifications.keys(tenantId, EVENTS);
        Instant began = Instant.now();
        StorageNotifications.publishCreated(suite.infrastructure().kafka().bootstrapServers(), keys);
        Duration publishing = Duration.between(began, Instant.now());

        int killAt = EVENTS / 5;
        Eventually.await(killAt + " rows stored", Duration.ofMinutes(3),
                () -> storedRows() >= killAt ? Optional.of(true) : Optional.empty());
        List<String> victims = suite.instancesOf(VICTIM);
        victims.forEach(suite::kill);
        Instant killedAt = Instant.now();
        long rowsAtKill = storedRows();
        int webhooksAtKill = backend.announcedKeys();
        suite.restart(victims.toArray(String[]::new));
        Duration down = Duration.between(killedAt, Instant.now());

        awaitEveryAnnouncementWhileDeliveriesProgress();
        Duration total = Duration.between(began, Instant.now());

        Ledger ledger = Ledger.account("metadata-service killed and restarted during a " + String.format("%,d", EVENTS)
                        + "-event ingest", keys, rowsPerKey(), backend.webhookIdsPerKey(), backend.acceptedPerWebhookId(),
                String.format("MinIO notifications to uplink.storage.events (published in %.1f s); %s SIGKILLed at %,d rows"
                                + " and %,d webhooks (%d s in), ready again %d s later; every webhook signature verified"
                                + " (%d rejected); %,d objects announced %d s after the first notification",
                        publishing.toMillis() / 1000.0, String.join(" + ", victims), rowsAtKill, webhooksAtKill,
                        Duration.between(began, killedAt).toSeconds(), down.toSeconds(), backend.unverified(),
                        backend.announcedKeys(), total.toSeconds()));
        Ledger.keep(ledger);

        assertThat(ledger.eventsIn()).isEqualTo(EVENTS);
        assertThat(backend.unverified()).as("deliveries whose signature did not verify").isZero();
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }

    /**
     * Waits until every object was announced, or until deliveries stop making progress for {@link #STALLED}. How long
     * 100,000 webhooks take depends on how busy the machine is (201 s on a quiet CI box, over 8 min beside other
     * builds), so a fixed deadline would call slow "lost"; a stall is what loss looks like. The ledger shows what is
     * missing, and its assertions fail the scenario.
     */
    private static void awaitEveryAnnouncementWhileDeliveriesProgress() throws InterruptedException {
        Instant giveUp = Instant.now().plus(OVERALL);
        int announced = backend.announcedKeys();
        Instant lastProgress = Instant.now();
        while (announced < EVENTS && Instant.now().isBefore(giveUp)
                && Duration.between(lastProgress, Instant.now()).compareTo(STALLED) < 0) {
            Thread.sleep(1_000);
            int now = backend.announcedKeys();
            if (now > announced) {
                announced = now;
                lastProgress = Instant.now();
            }
        }
    }

    private static long storedRows() {
        try (Connection connection = database();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from metadata.files where tenant_id = ?")) {
            statement.setString(1, tenantId);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException e) {
            return -1; // Postgres is not the one being killed here; a transient failure just means "not yet"
        }
    }

    private static Map<String, Integer> rowsPerKey() throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection connection = database();
             PreparedStatement statement = connection.prepareStatement(
                     "select object_key, count(*) from metadata.files where tenant_id = ? group by object_key")) {
            statement.setString(1, tenantId);
            statement.setFetchSize(10_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.put(result.getString(1), result.getInt(2));
                }
            }
        }
        return rows;
    }

    private static Connection database() throws SQLException {
        PostgresEndpoint postgres = suite.infrastructure().postgres();
        return DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
    }
}
