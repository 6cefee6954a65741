package io.uplink.acceptance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}): a tenant's webhook backend fails half of all requests — every webhook's
 * first attempt, alternately with a 500 and by answering only after callback-service's 15 s timeout. Every upload must
 * still end as one row and one accepted webhook; redeliveries may repeat a webhook-id, never invent a second one.
 */
class WebhookReceiverFailingHalfItsRequestsScenario {

    private static final int UPLOADS = 30;
    /** Longer than callback-service's whole-attempt timeout (15 s). */
    private static final Duration HOLD = Duration.ofSeconds(17);
    private static final Duration DELIVERY = Duration.ofMinutes(4);

    @RegisterExtension
    static final ScenarioTenant world = new ScenarioTenant("flaky");

    private static FlakyWebhookBackend flaky;

    @BeforeAll
    static void onboardATenantWhoseBackendFailsHalfItsRequests() {
        TenantBackend tenant = world.backend();
        Gateway.Answer disabled = tenant.gateway().post("/api/v1/webhooks/endpoints/" + tenant.webhookEndpointId()
                + "/disable", Map.of("reason", "replaced by the flaky backend"));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        flaky = FlakyWebhookBackend.start(HOLD);
        Gateway.Answer endpoint = tenant.gateway().post("/api/v1/webhooks/endpoints",
                Map.of("url", flaky.url(), "eventTypes", List.of("file.created")));
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        flaky.trust(endpoint.json().path("secret").asString());
    }

    @AfterAll
    static void stopTheFlakyBackend() {
        if (flaky != null) {
            flaky.close();
        }
    }

    @Test
    void everyUploadIsRecordedAndAnnouncedOnceWhileTheBackendFailsHalfItsRequests() {
        TenantBackend tenant = world.backend();
        ObjectStore store = new ObjectStore();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            byte[] content = ("event " + i + " at " + Instant.now()).getBytes(StandardCharsets.UTF_8);
            Gateway.Answer minted = tenant.gateway().post("/api/v1/uploads",
                    Map.of("filename", "event-" + i + ".txt", "contentType", "text/plain", "size", content.length));
            assertThat(minted.status()).as(minted.body()).isEqualTo(201);
            JsonNode grant = minted.json();
            assertThat(store.put(grant.path("url").asString(), grant.path("headers"), new ByteArrayInputStream(content),
                    content.length).isSuccess()).isTrue();
            Gateway.Answer completed = tenant.gateway().post("/api/v1/uploads/" + grant.path("uploadId").asString() + "/complete");
            assertThat(completed.status()).as(completed.body()).isEqualTo(200);
            keys.add(grant.path("key").asString());
        }
        Instant uploaded = Instant.now();

        Set<String> wanted = new HashSet<>(keys);
        Eventually.await("an accepted webhook for each of " + UPLOADS + " uploads", DELIVERY, () ->
                announcedKeys().containsAll(wanted) ? Optional.of(true) : Optional.empty());
        Duration deliveredWithin = Duration.between(uploaded, Instant.now());

        Ledger ledger = Ledger.account("webhook receiver failing half its requests (500s and timeouts)", keys,
                world.admin().filesOf(tenant.tenantId(), tenant.keyPrefix()), flaky.accepted(), String.format(
                        "%d requests: %d answered 500, %d held %d s past the timeout, %d unverified; all delivered %d s after the last upload",
                        flaky.requests(), flaky.answered500(), flaky.heldPastTimeout(), HOLD.toSeconds(),
                        flaky.unverified(), deliveredWithin.toSeconds()));
        Ledger.keep(ledger);

        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
        assertThat(flaky.answered500() + flaky.heldPastTimeout()).as("failed requests").isEqualTo(UPLOADS);
        assertThat(flaky.unverified()).isZero();
    }

    private static Set<String> announcedKeys() {
        Set<String> keys = new HashSet<>();
        flaky.accepted().forEach(delivery -> keys.add(TenantBackend.dataOf(delivery).path("key").asString()));
        return keys;
    }
}
