package io.uplink.acceptance;

import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What must follow every completed upload, checked only from outside: exactly one metadata row that an admin finds
 * through the metadata API, and exactly one {@code file.created} webhook (redeliveries keep their webhook-id) that
 * the tenant's backend verified.
 */
final class Announcements {

    static final Duration PIPELINE = Duration.ofSeconds(90);

    private Announcements() {
    }

    /** Waits for the file to be recorded and returns its one row, as the admin sees it. */
    static JsonNode recordedExactlyOnce(PlatformAdmin admin, TenantBackend tenant, String key) {
        List<JsonNode> rows = Eventually.await("a metadata row for " + key, PIPELINE, () -> {
            List<JsonNode> found = admin.filesOf(tenant.tenantId(), key);
            return found.isEmpty() ? Optional.empty() : Optional.of(found);
        });
        assertThat(rows).as("metadata rows for %s", key).hasSize(1);
        JsonNode file = rows.get(0);
        assertThat(file.path("key").asString()).isEqualTo(key);
        assertThat(file.path("tenantId").asString()).isEqualTo(tenant.tenantId());
        assertThat(file.path("status").asString()).isEqualTo("active");
        // The tenant sees the same row through its own key.
        Gateway.Answer own = tenant.gateway().get("/api/v1/files/" + file.path("fileId").asString());
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("key").asString()).isEqualTo(key);
        return file;
    }

    /**
     * Waits for the verified {@code file.created} webhook of the file, then checks it is the only one. The only other
     * webhook a new file may have is {@code file.updated}, when its upload's details arrived after the store's
     * notification had recorded it.
     */
    static VerifiedDelivery announcedExactlyOnce(TenantBackend tenant, JsonNode file) {
        String key = file.path("key").asString();
        String fileId = file.path("fileId").asString();
        VerifiedDelivery webhook = Eventually.await("a verified file.created webhook for " + key, PIPELINE,
                () -> tenant.webhooksFor(key).stream().filter(Announcements::isCreated).findFirst());
        List<VerifiedDelivery> forThisFile = tenant.webhooksFor(key);
        assertThat(forThisFile).allSatisfy(delivery -> {
            assertThat(TenantBackend.typeOf(delivery)).isIn("file.created", "file.updated");
            assertThat(TenantBackend.dataOf(delivery).path("fileId").asString()).isEqualTo(fileId);
        });
        assertThat(forThisFile.stream().filter(Announcements::isCreated).map(VerifiedDelivery::webhookId)
                .collect(Collectors.toSet()))
                .as("file.created webhook-ids for %s (a redelivery keeps its id; a second id is a second announcement)", key)
                .containsExactly(webhook.webhookId());
        assertThat(tenant.webhooks().stream().filter(delivery -> delivery.webhookId().equals(webhook.webhookId())))
                .as("deliveries with webhook-id %s", webhook.webhookId())
                .allSatisfy(delivery -> assertThat(TenantBackend.dataOf(delivery).path("key").asString()).isEqualTo(key));

        // Upstream of delivery, too: the tenant's message log holds one file.created for the file.
        Gateway.Answer messages = tenant.gateway().get("/api/v1/webhooks/messages?eventType=file.created&limit=100");
        assertThat(messages.status()).as(messages.body()).isEqualTo(200);
        Set<String> ids = java.util.stream.StreamSupport.stream(messages.json().path("data").spliterator(), false)
                .filter(message -> message.path("payload").asString("").contains("\"" + fileId + "\""))
                .map(message -> message.path("id").asString())
                .collect(Collectors.toSet());
        assertThat(ids).as("file.created messages for %s", key).hasSize(1);
        return webhook;
    }

    private static boolean isCreated(VerifiedDelivery delivery) {
        return TenantBackend.typeOf(delivery).equals("file.created");
    }
}
