package io.uplink.credential.identity;

import io.uplink.servlet.identity.RevokedUploadTokens;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** credential-service signs (upload tokens, tenant lookups): without a usable private key of its own it does not start. */
class IdentityKeysAtStartTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(IdentityConfiguration.class)
            .withBean(RevokedUploadTokens.class, () -> id -> false)
            .withPropertyValues("uplink.identity.name=credential", TestIdentityKeys.TRUSTED_KEYS_PROPERTY);

    @Test
    void startsWithItsPrivateKeyAndTheTrustedKeys() {
        runner.withPropertyValues(TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void doesNotStartWithoutAPrivateKey() {
        runner.run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                .hasMessageContaining("UPLINK_IDENTITY_PRIVATE_KEY").hasMessageContaining("not set"));
    }

    @Test
    void doesNotStartWithATruncatedPrivateKey() {
        runner.withPropertyValues("uplink.identity.private-key=" + TestIdentityKeys.CREDENTIAL_PRIVATE_KEY.substring(0, 40))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("UPLINK_IDENTITY_PRIVATE_KEY")
                        .hasMessageContaining("not a base64 PKCS#8 Ed25519 key"));
    }

    @Test
    void doesNotStartWithoutItsOwnPublicKeyAmongTheTrustedOnes() {
        runner.withPropertyValues(TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
                        "uplink.identity.trusted-keys=gateway=" + TestIdentityKeys.GATEWAY_PUBLIC_KEY)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("credential-service's"));
    }
}
