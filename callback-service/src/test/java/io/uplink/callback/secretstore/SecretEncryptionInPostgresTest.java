package io.uplink.callback.secretstore;

import io.uplink.callback.CallbackServiceTest;
import io.uplink.callback.TestEndpoints;
import io.uplink.callback.endpoint.Endpoint;
import io.uplink.callback.endpoint.EndpointRepository;
import io.uplink.callback.signing.SigningKeys;
import io.uplink.callback.signing.WebhookSecret;
import io.uplink.callback.signing.WebhookSigner;
import io.uplink.callback.signing.WebhookVerifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Secrets as they are stored in the endpoints table. Rotation is played with ciphers of its own around the shared
 * context's key ({@code test-1}): the pass moves rows to that key, so the shared context keeps reading every row.
 */
@CallbackServiceTest
class SecretEncryptionInPostgresTest {

    private static final String OLD_KEY = "retired:" + SecretCipherTest.key(9);

    @Autowired
    JdbcClient jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    EndpointRepository endpoints;
    @Autowired
    SecretCipher secrets;

    @Test
    void theStoredColumnsNeverHoldThePlaintext() {
        String tenant = TestEndpoints.uniqueTenant("sealed");
        Endpoint endpoint = newEndpoint(tenant);
        WebhookSecret fresh = WebhookSecret.generate();
        endpoints.rotate(tenant, endpoint.id(), fresh, Instant.now().plusSeconds(3600));

        Map<String, Object> row = row(endpoint.id());
        for (String column : List.of("secret", "previous_secret")) {
            assertThat((String) row.get(column)).as(column).startsWith("v1:test-1:")
                    .doesNotContain(bare(endpoint.keys().current())).doesNotContain(bare(fresh));
        }
        SigningKeys read = endpoints.find(tenant, endpoint.id()).orElseThrow().keys();
        assertThat(read.current()).isEqualTo(fresh);
        assertThat(read.previous()).isEqualTo(endpoint.keys().current());
    }

    @Test
    void aSecretCopiedToAnotherEndpointDoesNotDecrypt() {
        String tenant = TestEndpoints.uniqueTenant("copied");
        Endpoint victim = newEndpoint(tenant);
        Endpoint attacker = newEndpoint(tenant);
        jdbc.sql("update endpoints set secret = (select secret from endpoints where id = :from) where id = :to")
                .param("from", victim.id()).param("to", attacker.id()).update();

        assertThatThrownBy(() -> endpoints.find(tenant, attacker.id())).isInstanceOf(UnreadableSecretException.class);
        assertThat(endpoints.find(tenant, victim.id())).isPresent();
        jdbc.sql("delete from endpoints where id = :id").param("id", attacker.id()).update();
    }

    @Test
    void aTamperedSecretIsRefused() {
        String tenant = TestEndpoints.uniqueTenant("tampered");
        Endpoint endpoint = newEndpoint(tenant);
        String stored = (String) row(endpoint.id()).get("secret");
        char last = stored.charAt(stored.length() - 3);
        String tampered = stored.substring(0, stored.length() - 3) + (last == 'A' ? 'B' : 'A') + stored.substring(stored.length() - 2);
        jdbc.sql("update endpoints set secret = :secret where id = :id").param("secret", tampered)
                .param("id", endpoint.id()).update();

        assertThatThrownBy(() -> endpoints.find(tenant, endpoint.id())).isInstanceOf(UnreadableSecretException.class);
        jdbc.sql("delete from endpoints where id = :id").param("id", endpoint.id()).update();
    }

    @Test
    void afterAKeyRotationOldValuesStillSignAndThePassMovesThemToTheNewKey() {
        SecretCipher beforeRotation = new SecretCipher(EncryptionKeys.parse(null, List.of(OLD_KEY)));
        SecretCipher afterRotation = new SecretCipher(EncryptionKeys.parse(null,
                List.of(CallbackServiceTest.SECRET_ENCRYPTION_KEYS, OLD_KEY)));
        String tenant = TestEndpoints.uniqueTenant("rekeyed");
        EndpointRepository oldService = new EndpointRepository(jdbc, json, beforeRotation);
        List<Endpoint> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Endpoint endpoint = newEndpoint(tenant, oldService);
            oldService.rotate(tenant, endpoint.id(), WebhookSecret.generate(), Instant.now().plusSeconds(3600));
            created.add(oldService.find(tenant, endpoint.id()).orElseThrow());
        }
        UUID plain = new TestEndpoints(jdbc).insert(tenant, "https://8.8.8.8/hook", List.of(), true);
        assertThat(row(created.get(0).id()).get("secret")).asString().startsWith("v1:retired:");

        // the new service, holding both keys, reads and signs with what the old one wrote
        EndpointRepository newService = new EndpointRepository(jdbc, json, afterRotation);
        for (Endpoint endpoint : created) {
            SigningKeys keys = newService.find(tenant, endpoint.id()).orElseThrow().keys();
            assertThat(keys).isEqualTo(endpoint.keys());
            assertSignsForEveryActiveSecret(keys);
        }

        SecretReEncryption pass = new SecretReEncryption(jdbc, afterRotation,
                new SecretEncryptionProperties(List.of(), null, 2));
        SecretReEncryption.Result first = pass.reEncryptAll();
        assertThat(first.rewritten()).isGreaterThanOrEqualTo(created.size() + 1);

        for (Endpoint endpoint : created) {
            Map<String, Object> row = row(endpoint.id());
            assertThat((String) row.get("secret")).startsWith("v1:test-1:");
            assertThat((String) row.get("previous_secret")).startsWith("v1:test-1:");
            // the running service, which knows only the new key, reads them
            assertThat(endpoints.find(tenant, endpoint.id()).orElseThrow().keys()).isEqualTo(endpoint.keys());
        }
        assertThat((String) row(plain).get("secret")).startsWith("v1:test-1:");
        assertThat(endpoints.find(tenant, plain).orElseThrow().keys().current().value())
                .isEqualTo("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        Map<String, Object> before = row(created.get(0).id());
        pass.reEncryptAll();
        assertThat(row(created.get(0).id())).as("a second pass changes nothing").isEqualTo(before);
    }

    @Test
    void thePassLeavesARowThatDoesNotDecryptAsItIs() {
        String tenant = TestEndpoints.uniqueTenant("unreadable");
        Endpoint endpoint = newEndpoint(tenant, new EndpointRepository(jdbc, json,
                new SecretCipher(EncryptionKeys.parse(null, List.of("unknown:" + SecretCipherTest.key(10))))));
        String stored = (String) row(endpoint.id()).get("secret");

        SecretReEncryption.Result result = new SecretReEncryption(jdbc, secrets,
                new SecretEncryptionProperties(List.of(), null, 500)).reEncryptAll();

        assertThat(result.unreadable()).isPositive();
        assertThat(row(endpoint.id()).get("secret")).isEqualTo(stored);
        jdbc.sql("delete from endpoints where id = :id").param("id", endpoint.id()).update();
    }

    private static void assertSignsForEveryActiveSecret(SigningKeys keys) {
        Instant now = Instant.now();
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSigner.signatureHeader("msg_1", now.getEpochSecond(), body, keys.activeAt(now));
        assertThat(keys.activeAt(now)).hasSize(2).allSatisfy(secret -> assertThat(WebhookVerifier.verifies(
                "msg_1", String.valueOf(now.getEpochSecond()), header, body, secret, now)).isTrue());
    }

    private Endpoint newEndpoint(String tenant) {
        return newEndpoint(tenant, endpoints);
    }

    private static Endpoint newEndpoint(String tenant, EndpointRepository repository) {
        Instant now = Instant.now();
        Endpoint endpoint = new Endpoint(UUID.randomUUID(), tenant, "https://8.8.8.8/hook", "", List.of(), null,
                Map.of(), true, null, null, new SigningKeys(WebhookSecret.generate(), null, null), now, now);
        assertThat(repository.insertWithinLimit(endpoint, 100)).isTrue();
        return endpoint;
    }

    private Map<String, Object> row(UUID id) {
        return jdbc.sql("select secret, previous_secret, previous_secret_expires_at from endpoints where id = :id")
                .param("id", id).query().singleRow();
    }

    private static String bare(WebhookSecret secret) {
        return secret.value().substring(WebhookSecret.PREFIX.length());
    }
}
