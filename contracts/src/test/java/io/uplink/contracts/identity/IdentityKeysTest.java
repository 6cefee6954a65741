package io.uplink.contracts.identity;

import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityKeysTest {

    /** As {@code openssl genpkey -algorithm ed25519 -outform DER | base64} writes them (a test key, nothing else). */
    private static final String OPENSSL_PRIVATE = "MC4CAQAwBQYDK2VwBCIEIAD+ezmtvU81/uFPT+Uvf532ienZRU1sS5dlwL75twX0";
    private static final String OPENSSL_PUBLIC = "MCowBQYDK2VwAyEAeUqwAh/z18K75xQ+1DhH+1Aiu/IKaTMKPMbrzHgy5dE=";

    @Test
    void readsKeysAsOpensslWritesThem() {
        var signer = new IdentityAssertionSigner("gateway", OPENSSL_PRIVATE);
        var verifier = new IdentityAssertionVerifier("metadata",
                IdentityKeys.trustedKeys(" gateway = " + OPENSSL_PUBLIC + " ,"), java.time.Clock.systemUTC());
        var assertion = new IdentityAssertion("gateway", "metadata", null, "ops", java.util.List.of("admin"),
                java.time.Instant.now().plusSeconds(30));

        assertThat(verifier.verify(signer.sign(assertion))).isEqualTo(assertion);
    }

    @Test
    void writesWhatItReads() {
        KeyPair pair = IdentityKeys.generate();

        assertThat(IdentityKeys.privateKey(IdentityKeys.encode(pair.getPrivate()))).isEqualTo(pair.getPrivate());
        assertThat(IdentityKeys.publicKey(IdentityKeys.encode(pair.getPublic()))).isEqualTo(pair.getPublic());
    }

    @Test
    void refusesMalformedShortAndOtherKindsOfKeysClearly() {
        String truncated = OPENSSL_PRIVATE.substring(0, 40);
        String rsaLike = Base64.getEncoder().encodeToString(new byte[48]);

        assertThatThrownBy(() -> IdentityKeys.privateKey("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> IdentityKeys.privateKey("not base64!")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> IdentityKeys.privateKey(truncated)).hasMessageContaining("PKCS#8 Ed25519");
        assertThatThrownBy(() -> IdentityKeys.privateKey(rsaLike)).hasMessageContaining("PKCS#8 Ed25519");
        assertThatThrownBy(() -> IdentityKeys.privateKey(OPENSSL_PUBLIC)).hasMessageContaining("PKCS#8 Ed25519");
        assertThatThrownBy(() -> IdentityKeys.publicKey(OPENSSL_PRIVATE)).hasMessageContaining("X.509 Ed25519");
    }

    @Test
    void refusesMalformedTrustedKeyLists() {
        assertThatThrownBy(() -> IdentityKeys.trustedKeys(OPENSSL_PUBLIC)).hasMessageContaining("issuer=");
        assertThatThrownBy(() -> IdentityKeys.trustedKeys("gateway=" + OPENSSL_PUBLIC + ",gateway=" + OPENSSL_PUBLIC))
                .hasMessageContaining("two");
        assertThatThrownBy(() -> IdentityKeys.trustedKeys("gateway=MCow")).hasMessageContaining("'gateway'");
        assertThat(IdentityKeys.trustedKeys("")).isEmpty();
        assertThat(IdentityKeys.trustedKeys("a=" + OPENSSL_PUBLIC + ",b=" + OPENSSL_PUBLIC)).containsOnlyKeys("a", "b");
    }
}
