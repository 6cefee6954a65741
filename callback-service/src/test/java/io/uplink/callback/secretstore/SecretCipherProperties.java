package io.uplink.callback.secretstore;

import io.uplink.callback.signing.WebhookSecret;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Any valid webhook secret, for any endpoint and column, comes back unchanged and never appears in the stored text. */
class SecretCipherProperties {

    private final SecretCipher cipher = new SecretCipher(EncryptionKeys.parse(null, List.of(
            "current:" + SecretCipherTest.key(7), "older:" + SecretCipherTest.key(8))));

    @Property(tries = 300)
    void roundTrips(@ForAll("secrets") WebhookSecret secret, @ForAll("ids") UUID endpoint,
                    @ForAll SecretColumn column) {
        String stored = cipher.seal(secret, endpoint, column);

        assertThat(stored).startsWith("v1:current:").doesNotContain(secret.value().substring(WebhookSecret.PREFIX.length()));
        assertThat(cipher.open(stored, endpoint, column)).isEqualTo(secret);
    }

    @Provide
    Arbitrary<WebhookSecret> secrets() {
        // the key lengths WebhookSecret accepts: 24-64 bytes
        return Arbitraries.bytes().array(byte[].class).ofMinSize(24).ofMaxSize(64)
                .map(key -> new WebhookSecret(WebhookSecret.PREFIX + Base64.getEncoder().encodeToString(key)));
    }

    @Provide
    Arbitrary<UUID> ids() {
        return Arbitraries.longs().tuple2().map(bits -> new UUID(bits.get1(), bits.get2()));
    }
}
