package io.uplink.contracts.identity;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentityAssertionCodecTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private final IdentityAssertionCodec codec = new IdentityAssertionCodec(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final IdentityAssertion acme = new IdentityAssertion("acme", "key_1", List.of(IdentityAssertion.ROLE_TENANT),
            NOW.plusSeconds(30));

    @Test
    void verifiesWhatItSigned() {
        assertThat(codec.verify(codec.sign(acme))).isEqualTo(acme);
    }

    @Test
    void rejectsAnAssertionSignedWithAnotherSecret() {
        var other = new IdentityAssertionCodec("another-secret-another-secret-another", Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> codec.verify(other.sign(acme)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("signature");
    }

    @Test
    void rejectsAnotherTenantSwappedIntoASignedPayload() {
        String signed = codec.sign(acme);
        String forgedPayload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                io.uplink.contracts.EventJson.write(new IdentityAssertion("evil", "key_1", List.of("tenant"), NOW.plusSeconds(30))));
        String forged = forgedPayload + signed.substring(signed.indexOf('.'));

        assertThatThrownBy(() -> codec.verify(forged)).isInstanceOf(InvalidIdentityException.class);
    }

    @Test
    void rejectsExpiredAssertions() {
        var expired = new IdentityAssertion("acme", "key_1", List.of("tenant"), NOW);

        assertThatThrownBy(() -> codec.verify(codec.sign(expired)))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("expired");
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> new IdentityAssertionCodec("short", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyAdminsMayActWithoutATenant() {
        assertThatThrownBy(() -> new IdentityAssertion(null, "key_1", List.of("tenant"), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new IdentityAssertion(null, "ops", List.of("admin"), NOW).isAdmin()).isTrue();
    }

    @Property
    void garbageNeverVerifies(@ForAll String garbage) {
        assertThatThrownBy(() -> codec.verify(garbage)).isInstanceOf(InvalidIdentityException.class);
    }
}
