package io.uplink.contracts.identity;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    private static final KeyPair CREDENTIAL = IdentityKeys.generate();

    private final UploadTokenSigner signer = new UploadTokenSigner(CREDENTIAL.getPrivate());
    private final UploadTokenVerifier codec = new UploadTokenVerifier(CREDENTIAL.getPublic(), Clock.fixed(NOW, ZoneOffset.UTC));
    private final UploadToken token = new UploadToken(UUID.randomUUID(), "acme", "user-42", List.of("image/*"),
            1_000_000L, 5_000_000L, 5, "avatars", Map.of("album", "holiday"), List.of("https://app.acme.example"),
            NOW.plusSeconds(900));

    @Test
    void verifiesWhatItSignedAndStartsWithTheTokenPrefix() {
        String signed = signer.sign(token);

        assertThat(signed).startsWith("upt_");
        assertThat(codec.verify(signed)).isEqualTo(token);
    }

    @Test
    void refusesATokenPastItsExpiry() {
        String signed = signer.sign(token);
        var later = new UploadTokenVerifier(CREDENTIAL.getPublic(), Clock.fixed(NOW.plusSeconds(900), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.verify(signed))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("expired");
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        var other = new UploadTokenSigner(IdentityKeys.generate().getPrivate());

        assertThatThrownBy(() -> codec.verify(other.sign(token)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("signature");
    }

    @Test
    void anIdentityAssertionSignedWithTheSameKeyIsNoToken() {
        var assertions = new IdentityAssertionSigner("credential", CREDENTIAL.getPrivate());
        String assertion = assertions.sign(new IdentityAssertion("credential", "credential", "acme", "key_1",
                List.of(IdentityAssertion.ROLE_TENANT), NOW.plusSeconds(30)));
        var verifier = new IdentityAssertionVerifier("credential", Map.of("credential", CREDENTIAL.getPublic()),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(verifier.verify(assertion).tenantId()).isEqualTo("acme");
        assertThatThrownBy(() -> codec.verify("upt_" + assertion)).isInstanceOf(InvalidIdentityException.class);
        assertThatThrownBy(() -> verifier.verify(signer.sign(token).substring(4)))
                .isInstanceOf(InvalidIdentityException.class);
    }

    @Test
    void theVerifierNeedsCredentialServicesKeyAmongTheTrustedOnes() {
        assertThatThrownBy(() -> UploadTokenVerifier.fromTrustedKeys(Map.of("gateway", CREDENTIAL.getPublic()),
                Clock.systemUTC())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credential");
    }

    @Test
    void anotherSpellingOfTheSameBytesIsRefused() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int subjectLength = 1; subjectLength <= 3; subjectLength++) {
            UploadToken sized = new UploadToken(token.id(), "acme", "u".repeat(subjectLength), null, null, null, null,
                    null, null, null, NOW.plusSeconds(900));
            String signed = signer.sign(sized);
            int dot = signed.indexOf('.');
            for (int end : new int[]{dot, signed.length()}) {
                int unusedBits = switch ((end - (end == dot ? 4 : dot + 1)) % 4) {
                    case 2 -> 4;
                    case 3 -> 2;
                    default -> 0;
                };
                if (unusedBits == 0) {
                    continue;
                }
                // the same bytes: only a bit the decoder ignores changes
                char last = signed.charAt(end - 1);
                char respelled = alphabet.charAt(alphabet.indexOf(last) ^ 1);
                String tampered = signed.substring(0, end - 1) + respelled + signed.substring(end);

                assertThatThrownBy(() -> codec.verify(tampered)).isInstanceOf(InvalidIdentityException.class);
            }
        }
    }

    @Property(tries = 300)
    void anyChangedCharacterIsRefused(@ForAll @IntRange(min = 4, max = 10_000) int position,
                                      @ForAll char replacement) {
        String signed = signer.sign(token);
        int at = position % signed.length();
        if (at < 4 || signed.charAt(at) == replacement) {
            return;
        }
        String tampered = signed.substring(0, at) + replacement + signed.substring(at + 1);

        assertThatThrownBy(() -> codec.verify(tampered)).isInstanceOf(InvalidIdentityException.class);
    }
}
