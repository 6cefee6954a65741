package io.uplink.contracts.identity;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityAssertionVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final KeyPair GATEWAY = IdentityKeys.generate();
    private static final KeyPair CREDENTIAL = IdentityKeys.generate();

    private final IdentityAssertionSigner gateway = new IdentityAssertionSigner("gateway", GATEWAY.getPrivate());
    private final IdentityAssertionVerifier metadata = new IdentityAssertionVerifier("metadata",
            Map.of("gateway", GATEWAY.getPublic(), "credential", CREDENTIAL.getPublic()), Clock.fixed(NOW, ZoneOffset.UTC));
    private final IdentityAssertion acme = new IdentityAssertion("gateway", "metadata", "acme", "key_1",
            List.of(IdentityAssertion.ROLE_TENANT), NOW.plusSeconds(30));

    @Test
    void verifiesWhatItsTrustedIssuerSigned() {
        assertThat(metadata.verify(gateway.sign(acme))).isEqualTo(acme);
    }

    @Test
    void refusesAnAssertionSignedWithAKeyNotTrustedForItsIssuer() {
        var impostor = new IdentityAssertionSigner("gateway", IdentityKeys.generate().getPrivate());

        assertThatThrownBy(() -> metadata.verify(impostor.sign(acme)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("signature");
    }

    @Test
    void refusesAnotherTrustedIssuersKeyUnderTheGatewaysName() {
        // credential-service's key is trusted, but only for assertions that name credential-service as issuer
        var credentialAsGateway = new IdentityAssertionSigner("gateway", CREDENTIAL.getPrivate());

        assertThatThrownBy(() -> metadata.verify(credentialAsGateway.sign(acme)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("signature");
    }

    @Test
    void refusesAnIssuerItHasNoKeyFor() {
        KeyPair rogue = IdentityKeys.generate();
        var signer = new IdentityAssertionSigner("rogue", rogue.getPrivate());
        var assertion = new IdentityAssertion("rogue", "metadata", "acme", "key_1", List.of("tenant"), NOW.plusSeconds(30));

        assertThatThrownBy(() -> metadata.verify(signer.sign(assertion)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("not trusted");
    }

    @Test
    void refusesAnAssertionAddressedToAnotherService() {
        var forCallback = new IdentityAssertion("gateway", "callback", "acme", "key_1", List.of("tenant"), NOW.plusSeconds(30));

        assertThatThrownBy(() -> metadata.verify(gateway.sign(forCallback)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("another service");
    }

    @Test
    void rejectsAnotherTenantSwappedIntoASignedPayload() {
        String signed = gateway.sign(acme);
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                io.uplink.contracts.EventJson.write(new IdentityAssertion("gateway", "metadata", "evil", "key_1",
                        List.of("tenant"), NOW.plusSeconds(30))));
        String forged = forgedPayload + signed.substring(signed.indexOf('.'));

        assertThatThrownBy(() -> metadata.verify(forged)).isInstanceOf(InvalidIdentityException.class);
    }

    @Test
    void rejectsExpiredAssertions() {
        var expired = new IdentityAssertion("gateway", "metadata", "acme", "key_1", List.of("tenant"), NOW);

        assertThatThrownBy(() -> metadata.verify(gateway.sign(expired)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("expired");
    }

    @Test
    void anUploadTokenOfTheSameIssuerIsNoAssertion() {
        var credential = new IdentityAssertionSigner("credential", CREDENTIAL.getPrivate());
        var lookup = new IdentityAssertion("credential", "metadata", null, "credential-service",
                List.of(IdentityAssertion.ROLE_TENANT_READER), NOW.plusSeconds(30));
        String token = new UploadTokenSigner(CREDENTIAL.getPrivate()).sign(new UploadToken(java.util.UUID.randomUUID(),
                "acme", "user-1", null, null, null, null, null, null, null, NOW.plusSeconds(30)));

        assertThat(metadata.verify(credential.sign(lookup))).isEqualTo(lookup);
        assertThatThrownBy(() -> metadata.verify(token.substring(UploadToken.PREFIX.length())))
                .isInstanceOf(InvalidIdentityException.class);
    }

    @Test
    void aSignerSignsOnlyUnderItsOwnName() {
        var credential = new IdentityAssertionSigner("credential", CREDENTIAL.getPrivate());

        assertThatThrownBy(() -> credential.sign(acme)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAdminsAndTenantReadersMayActWithoutATenant() {
        assertThatThrownBy(() -> new IdentityAssertion("gateway", "metadata", null, "key_1", List.of("tenant"), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new IdentityAssertion("gateway", "metadata", null, "ops", List.of("admin"), NOW).isAdmin()).isTrue();
        assertThat(new IdentityAssertion("credential", "metadata", null, "credential-service",
                List.of("tenant-reader"), NOW).isAdmin()).isFalse();
    }

    @Test
    void everyAssertionNamesItsIssuerAndAudience() {
        assertThatThrownBy(() -> new IdentityAssertion(null, "metadata", "acme", "k", List.of("tenant"), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
        assertThatThrownBy(() -> new IdentityAssertion("gateway", " ", "acme", "k", List.of("tenant"), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
    }

    @Test
    void aValueSeenBeforeIsAcceptedAgainUntilItExpires() {
        MovableClock clock = new MovableClock(NOW);
        var verifier = new IdentityAssertionVerifier("metadata", Map.of("gateway", GATEWAY.getPublic()), clock);
        String signed = gateway.sign(acme);

        assertThat(verifier.verify(signed)).isEqualTo(acme);
        assertThat(verifier.verify(signed)).isEqualTo(acme);

        clock.now = acme.expiresAt();
        assertThatThrownBy(() -> verifier.verify(signed))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("expired");
    }

    @Test
    void aRememberedPayloadUnderAnotherSignatureIsVerifiedAfresh() {
        String signed = gateway.sign(acme);
        metadata.verify(signed);
        String payload = signed.substring(0, signed.indexOf('.') + 1);
        String impostorsSignature = new IdentityAssertionSigner("gateway", IdentityKeys.generate().getPrivate()).sign(acme);

        assertThatThrownBy(() -> metadata.verify(payload + impostorsSignature.substring(impostorsSignature.indexOf('.') + 1)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("signature");
    }

    @Test
    void aFullMemoryForgetsAndStillVerifiesEveryValue() {
        var verifier = new IdentityAssertionVerifier("metadata", Map.of("gateway", GATEWAY.getPublic()),
                Clock.fixed(NOW, ZoneOffset.UTC), 3);
        for (int round = 0; round < 2; round++) {
            for (int caller = 0; caller < 7; caller++) {
                var assertion = new IdentityAssertion("gateway", "metadata", "acme", "key_" + caller,
                        List.of(IdentityAssertion.ROLE_TENANT), NOW.plusSeconds(30));

                assertThat(verifier.verify(gateway.sign(assertion))).isEqualTo(assertion);
            }
        }
    }

    /** Whatever one character of a value that verified (and is remembered) becomes, the result never verifies. */
    @Property(tries = 300)
    void noAlterationOfARememberedValueVerifies(@ForAll @IntRange(min = 0, max = 10_000) int position,
                                                @ForAll @CharRange(from = ' ', to = '~') char replacement) {
        String signed = REMEMBERED_VALUE;
        metadata.verify(signed);
        int at = position % signed.length();
        if (signed.charAt(at) == replacement) {
            return;
        }
        String altered = signed.substring(0, at) + replacement + signed.substring(at + 1);

        assertThatThrownBy(() -> metadata.verify(altered)).isInstanceOf(InvalidIdentityException.class);
    }

    private static final String REMEMBERED_VALUE = new IdentityAssertionSigner("gateway", GATEWAY.getPrivate())
            .sign(new IdentityAssertion("gateway", "metadata", "acme", "key_1", List.of(IdentityAssertion.ROLE_TENANT),
                    NOW.plusSeconds(30)));

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Property(tries = 300)
    void garbageNeverVerifies(@ForAll String garbage) {
        assertThatThrownBy(() -> metadata.verify(garbage)).isInstanceOf(InvalidIdentityException.class);
    }
}
