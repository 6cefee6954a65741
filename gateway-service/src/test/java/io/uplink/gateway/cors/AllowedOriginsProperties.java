package io.uplink.gateway.cors;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllowedOriginsProperties {

    private static final List<String> ANY_LOCALHOST_PORT = List.of("http://localhost:*");

    @Property
    void anAnyPortEntryAllowsEveryPortOfItsHost(@ForAll @IntRange(min = 1, max = 65535) int port) {
        assertThat(AllowedOrigins.allows(ANY_LOCALHOST_PORT, "http://localhost:" + port)).isTrue();
        assertThat(AllowedOrigins.allows(ANY_LOCALHOST_PORT, "http://localhost")).isTrue();
        assertThat(AllowedOrigins.allows(ANY_LOCALHOST_PORT, "https://localhost:" + port)).isFalse();
    }

    @Property
    void anAnyPortEntryAllowsNoOtherHost(@ForAll @IntRange(min = 1, max = 65535) int port,
                                         @ForAll @AlphaChars @StringLength(min = 1, max = 12) String suffix) {
        assertThat(AllowedOrigins.allows(ANY_LOCALHOST_PORT, "http://localhost:" + port + suffix)).isFalse();
        assertThat(AllowedOrigins.allows(ANY_LOCALHOST_PORT, "http://localhost" + suffix)).isFalse();
        assertThat(AllowedOrigins.allows(ANY_LOCALHOST_PORT, "http://localhost." + suffix + ":" + port)).isFalse();
        assertThat(AllowedOrigins.allows(ANY_LOCALHOST_PORT, "http://localhost:" + port + "000000")).isFalse();
    }

    @Test
    void anExactEntryAllowsOnlyItself() {
        List<String> allowed = List.of("https://app.example.com");

        assertThat(AllowedOrigins.allows(allowed, "https://app.example.com")).isTrue();
        assertThat(AllowedOrigins.allows(allowed, "https://app.example.com:443")).isFalse();
        assertThat(AllowedOrigins.allows(allowed, "https://app.example.com.evil.example")).isFalse();
    }
}
