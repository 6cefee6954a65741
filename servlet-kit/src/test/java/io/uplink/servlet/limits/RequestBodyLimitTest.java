package io.uplink.servlet.limits;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Over real HTTP: a service reads no request body larger than its limit, declared or not. */
@SpringBootTest(classes = BodyLimitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "uplink.request-body.max-size=1KB")
class RequestBodyLimitTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void aBodyWithinTheLimitIsRead() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofString(note(500)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"length\":500");
    }

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofString(note(2_000)));

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).contains("\"status\":413", "larger than 1024 bytes");
    }

    @Test
    void aBodyWithoutDeclaredLengthIsRefusedWith413OnceItRunsPastTheLimit() throws Exception {
        byte[] body = note(2_000).getBytes(StandardCharsets.UTF_8);
        // from a stream: sent chunked, with no Content-Length
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("\"status\":413", "larger than 1024 bytes");
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notes"))
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String note(int length) {
        return "{\"text\":\"" + "x".repeat(length) + "\"}";
    }
}
