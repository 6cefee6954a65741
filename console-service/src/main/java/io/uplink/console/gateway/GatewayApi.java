package io.uplink.console.gateway;

import io.uplink.console.ConsoleProperties;
import io.uplink.console.signin.ConsoleUser;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.http.HttpClient;
import java.util.Map;

/**
 * The console's one way to the platform: the public API through the gateway, as the signed-in user. Whatever the
 * API refuses (a tenant reaching for another tenant's file, a key that was revoked meanwhile) the console refuses too.
 */
@Component
public class GatewayApi {

    private final RestClient client;
    private final ObjectMapper json;

    public GatewayApi(ConsoleProperties properties, ObjectMapper json) {
        this.json = json;
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.gatewayTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.gatewayTimeout());
        this.client = RestClient.builder()
                .baseUrl(properties.gatewayUrl().toString())
                .requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw problem(response);
                })
                .build();
    }

    /** Calls as the current user. */
    public As asCurrentUser() {
        return new As(ConsoleUser.current().credential());
    }

    /** Calls with a credential that is not signed in yet (checking it at sign-in). */
    public As with(String credential) {
        return new As(credential);
    }

    /** API calls made with one credential. */
    public final class As {

        private final String bearer;

        private As(String credential) {
            this.bearer = "Bearer " + credential;
        }

        public JsonNode get(String uri, Object... variables) {
            return call(() -> client.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, bearer)
                    .retrieve().body(JsonNode.class));
        }

        public JsonNode get(String path, Map<String, ?> query) {
            return call(() -> client.get().uri(builder -> {
                        builder.path(path);
                        query.forEach((name, value) -> {
                            if (value != null && !value.toString().isBlank()) {
                                builder.queryParam(name, value);
                            }
                        });
                        return builder.build();
                    })
                    .header(HttpHeaders.AUTHORIZATION, bearer).retrieve().body(JsonNode.class));
        }

        public JsonNode post(String uri, Object body, Object... variables) {
            return call(() -> {
                RestClient.RequestBodySpec request = client.post().uri(uri, variables)
                        .header(HttpHeaders.AUTHORIZATION, bearer);
                if (body != null) {
                    request.contentType(MediaType.APPLICATION_JSON).body(body);
                }
                return request.retrieve().body(JsonNode.class);
            });
        }

        public JsonNode put(String uri, Object body, Object... variables) {
            return call(() -> client.put().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, bearer)
                    .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class));
        }

        public void delete(String uri, Object... variables) {
            call(() -> client.delete().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, bearer)
                    .retrieve().toBodilessEntity());
        }

        public <T> T get(String uri, ParameterizedTypeReference<T> type, Object... variables) {
            return call(() -> client.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, bearer)
                    .retrieve().body(type));
        }
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            throw new GatewayProblem(503, "Service Unavailable", "the API cannot be reached right now");
        }
    }

    private GatewayProblem problem(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        String title = null;
        String detail = null;
        try {
            JsonNode body = json.readTree(response.getBody());
            title = text(body, "title");
            detail = text(body, "detail");
        } catch (RuntimeException notJson) {
            // a problem without a JSON body: the status says enough
        }
        return new GatewayProblem(status, title == null ? "HTTP " + status : title, detail);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
