package io.uplink.gateway.auth;

import io.uplink.gateway.support.FakeKeyRegistry;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyProperties {

    @Property
    void arbitraryTokensNeverParseUnlessWellFormed(@ForAll String token) {
        ApiKey.parse(token).ifPresent(key -> assertThat(token).matches("upk_[a-z0-9]{1,16}_[A-Za-z0-9]{32}"));
    }

    @Property
    void issuedKeysParseWithTheirEnvironment(@ForAll @AlphaChars @StringLength(min = 1, max = 16) String environment) {
        String env = environment.toLowerCase();
        ApiKey key = ApiKey.parse(FakeKeyRegistry.newKey(env)).orElseThrow();
        assertThat(key.environment()).isEqualTo(env);
        assertThat(key.sha256Hex()).hasSize(64).matches("[0-9a-f]+");
    }

    @Property
    void keysWithTrailingOrEmbeddedJunkAreRejected(@ForAll @StringLength(min = 1, max = 5) String junk) {
        String key = FakeKeyRegistry.newKey("local");
        assertThat(ApiKey.parse(key + junk)).isEmpty();
    }
}
