package io.uplink.gateway.routing;

import io.uplink.gateway.forwarding.OriginalSchemeFilter;
import io.uplink.gateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleRouteTest extends GatewayIntegrationTest {

    @Test
    @SuppressWarnings("unchecked")
    void theConsoleIsServedAtSlashConsoleWithoutAnApiCredentialAndWithoutForgeableIdentityOrSchemeHeaders() {
        Map<String, Object> echo = client.get().uri("/console/sign-in")
                .header("X-Uplink-Identity", "forged")
                .header(OriginalSchemeFilter.HEADER, "https")
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(echo.get("upstream")).isEqualTo("console");
        assertThat(echo.get("path")).isEqualTo("/console/sign-in");
        Map<String, List<String>> headers = (Map<String, List<String>>) echo.get("headers");
        assertThat(headers).doesNotContainKey("x-uplink-identity");
        // the browser came over plain HTTP: a client cannot make the console believe otherwise
        assertThat(headers.get(OriginalSchemeFilter.HEADER.toLowerCase())).containsExactly("http");
    }

    @Test
    void pathsThatOnlyStartLikeTheConsoleAreNotRoutedThere() {
        client.get().uri("/consoles").exchange().expectStatus().isNotFound();
    }
}
