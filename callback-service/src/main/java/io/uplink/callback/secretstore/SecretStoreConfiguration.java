package io.uplink.callback.secretstore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SecretStoreConfiguration {

    // Fails the start when no key or a malformed one is configured: there is no unencrypted fallback.
    @Bean
    SecretCipher secretCipher(SecretEncryptionProperties properties) {
        return new SecretCipher(EncryptionKeys.parse(properties.currentKeyId(), properties.keys()));
    }
}
