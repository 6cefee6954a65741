package io.uplink.callback.secretstore;

import io.uplink.callback.signing.SigningKeys;
import io.uplink.callback.signing.WebhookSecret;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    static final String OLD_KEY = "old:" + key(1);
    static final String NEW_KEY = "new:" + key(2);

    private final SecretCipher cipher = new SecretCipher(EncryptionKeys.parse(null, List.of(NEW_KEY, OLD_KEY)));
    private final WebhookSecret secret = WebhookSecret.generate();
    private final UUID endpoint = UUID.randomUUID();

    @Test
    void sealsUnderTheCurrentKeyWithoutThePlaintextAndOpensAgain() {
        String stored = cipher.seal(secret, endpoint, SecretColumn.SECRET);

        assertThat(stored).startsWith("v1:new:").doesNotContain(secret.value())
                .doesNotContain(secret.value().substring(WebhookSecret.PREFIX.length()));
        assertThat(cipher.open(stored, endpoint, SecretColumn.SECRET)).isEqualTo(secret);
        assertThat(cipher.isUnderCurrentKey(stored)).isTrue();
    }

    @Test
    void aFreshNonceEveryTime() {
        assertThat(cipher.seal(secret, endpoint, SecretColumn.SECRET))
                .isNotEqualTo(cipher.seal(secret, endpoint, SecretColumn.SECRET));
    }

    @Test
    void aValueDoesNotOpenForAnotherEndpointOrColumnEvenOnceOpenedForItsOwn() {
        String stored = cipher.seal(secret, endpoint, SecretColumn.SECRET);
        assertThat(cipher.open(stored, endpoint, SecretColumn.SECRET)).isEqualTo(secret);

        assertThatThrownBy(() -> cipher.open(stored, UUID.randomUUID(), SecretColumn.SECRET))
                .isInstanceOf(UnreadableSecretException.class).hasMessageNotContaining(stored);
        assertThatThrownBy(() -> cipher.open(stored, endpoint, SecretColumn.PREVIOUS_SECRET))
                .isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void refusesEveryAlteredByteAndAnyOtherKeyIdEvenOnceTheOriginalWasOpened() {
        String stored = cipher.seal(secret, endpoint, SecretColumn.SECRET);
        assertThat(cipher.open(stored, endpoint, SecretColumn.SECRET)).isEqualTo(secret);
        String prefix = stored.substring(0, stored.lastIndexOf(':') + 1);
        byte[] sealed = Base64.getDecoder().decode(stored.substring(prefix.length()));

        for (int i = 0; i < sealed.length; i++) {
            byte[] altered = sealed.clone();
            altered[i] ^= 0x01;
            String tampered = prefix + Base64.getEncoder().encodeToString(altered);
            assertThatThrownBy(() -> cipher.open(tampered, endpoint, SecretColumn.SECRET))
                    .as("byte %d altered", i).isInstanceOf(UnreadableSecretException.class);
        }
        assertThatThrownBy(() -> cipher.open(stored.replace("v1:new:", "v1:old:"), endpoint, SecretColumn.SECRET))
                .isInstanceOf(UnreadableSecretException.class);
        assertThatThrownBy(() -> cipher.open(stored.replace("v1:new:", "v1:gone:"), endpoint, SecretColumn.SECRET))
                .isInstanceOf(UnreadableSecretException.class).hasMessageContaining("'gone'");
        assertThatThrownBy(() -> cipher.open(prefix + "AAAA", endpoint, SecretColumn.SECRET))
                .isInstanceOf(UnreadableSecretException.class);
        assertThatThrownBy(() -> cipher.open("v2:new:" + stored.substring(prefix.length()), endpoint, SecretColumn.SECRET))
                .isInstanceOf(UnreadableSecretException.class);
    }

    @Test
    void aValueUnderARotatedOutKeyStillOpensButIsNotCurrent() {
        SecretCipher before = new SecretCipher(EncryptionKeys.parse(null, List.of(OLD_KEY)));
        String stored = before.seal(secret, endpoint, SecretColumn.PREVIOUS_SECRET);

        assertThat(stored).startsWith("v1:old:");
        assertThat(cipher.open(stored, endpoint, SecretColumn.PREVIOUS_SECRET)).isEqualTo(secret);
        assertThat(cipher.isUnderCurrentKey(stored)).isFalse();
    }

    @Test
    void aPlainSecretFromBeforeEncryptionIsReadAsItIsButIsNotCurrent() {
        assertThat(cipher.open(secret.value(), endpoint, SecretColumn.SECRET)).isEqualTo(secret);
        assertThat(cipher.isUnderCurrentKey(secret.value())).isFalse();
    }

    @Test
    void readsBothSigningKeysOfARow() {
        WebhookSecret previous = WebhookSecret.generate();
        Instant expires = Instant.now().plusSeconds(60);

        SigningKeys keys = cipher.signingKeys(endpoint, cipher.seal(secret, endpoint, SecretColumn.SECRET),
                cipher.seal(previous, endpoint, SecretColumn.PREVIOUS_SECRET), expires);

        assertThat(keys).isEqualTo(new SigningKeys(secret, previous, expires));
        assertThat(cipher.signingKeys(endpoint, secret.value(), null, null)).isEqualTo(new SigningKeys(secret, null, null));
    }

    static String key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
