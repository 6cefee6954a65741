package io.uplink.callback.secretstore;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EncryptionKeysTest {

    private static final String KEY = SecretCipherTest.key(3);

    @Test
    void theFirstKeyIsCurrentUnlessNamed() {
        assertThat(EncryptionKeys.parse(null, List.of("a:" + KEY, "b:" + SecretCipherTest.key(4))).currentId())
                .isEqualTo("a");
        assertThat(EncryptionKeys.parse("b", List.of("a:" + KEY, "b:" + SecretCipherTest.key(4))).currentId())
                .isEqualTo("b");
    }

    @Test
    void acceptsUrlSafeBase64WithoutPadding() {
        byte[] key = new byte[32];
        key[0] = (byte) 0xfb;
        key[1] = (byte) 0xff;
        String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(key);

        assertThat(EncryptionKeys.parse(null, List.of("k:" + urlSafe)).currentId()).isEqualTo("k");
    }

    @Test
    void refusesMissingOrMalformedKeys() {
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of())).hasMessageContaining("is not set");
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of(" "))).hasMessageContaining("is not set");
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of(KEY))).hasMessageContaining("no ':'");
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of("a:" + SecretCipherTest.key(3).substring(4))))
                .hasMessageContaining("AES-256 needs 32");
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of("a:" + Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of("a:not*base64"))).hasMessageContaining("not base64");
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of("a b:" + KEY))).hasMessageContaining("key id");
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of("a:" + KEY, "a:" + KEY))).hasMessageContaining("twice");
        assertThatThrownBy(() -> EncryptionKeys.parse("c", List.of("a:" + KEY))).hasMessageContaining("'c'");
    }

    @Test
    void errorsNeverContainTheKey() {
        assertThatThrownBy(() -> EncryptionKeys.parse(null, List.of("a:" + KEY + "AAAA")))
                .hasMessageNotContaining(KEY);
        assertThat(EncryptionKeys.parse(null, List.of("a:" + KEY)).toString()).doesNotContain(KEY);
    }

    @Test
    void theServiceRefusesToStartWithoutAKeyOrWithAMalformedOne() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Keys.class);

        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("is not set"));
        runner.withPropertyValues("uplink.callback.secret-encryption.keys=a:c2hvcnQ=")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("bytes"));
        runner.withPropertyValues("uplink.callback.secret-encryption.keys=a:" + KEY + ",b:" + SecretCipherTest.key(4),
                        "uplink.callback.secret-encryption.current-key-id=b")
                .run(context -> assertThat(context.getBean(SecretCipher.class).currentKeyId()).isEqualTo("b"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SecretEncryptionProperties.class)
    static class Keys extends SecretStoreConfiguration {
    }
}
