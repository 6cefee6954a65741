package io.uplink.console.signin;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session cookie as a browser receives it over real HTTP: HttpOnly, SameSite=Lax, scoped to /console, and Secure
 * when the gateway says the browser came over TLS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "uplink.console.gateway-url=http://127.0.0.1:9")
class SessionCookieTest {

    @LocalServerPort
    int port;

    private String sessionCookie(String forwardedProto) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/console/sign-in"));
        if (forwardedProto != null) {
            request.header("X-Uplink-Forwarded-Proto", forwardedProto);
        }
        HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().allValues("Set-Cookie").stream().filter(cookie -> cookie.startsWith("UPLINK_CONSOLE="))
                .findFirst().orElseThrow();
    }

    @Test
    void overPlainHttpTheCookieIsHttpOnlyLaxAndScopedToTheConsole() throws Exception {
        String cookie = sessionCookie(null);

        assertThat(cookie).contains("Path=/console").contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }

    @Test
    void whenTheBrowserCameOverTlsTheCookieIsSecure() throws Exception {
        assertThat(sessionCookie("https")).contains("Secure").contains("HttpOnly");
    }
}
