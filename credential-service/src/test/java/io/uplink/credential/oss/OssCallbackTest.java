package io.uplink.credential.oss;

import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.UploadCompleted;
import io.uplink.contracts.UploadSource;
import io.uplink.credential.ServiceApi;
import io.uplink.credential.upload.UploadCompletedConsumer;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** OSS's callback, signed with a key pair the test generates, the public key served by a local key server. */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class OssCallbackTest {

    private static final KeyPair KEYS = keyPair();
    private static final AtomicInteger KEY_FETCHES = new AtomicInteger();
    private static final HttpServer KEY_SERVER = keyServer();
    private static final HttpClient OSS = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void keyServerIsTheOnlyAllowedPrefix(DynamicPropertyRegistry registry) {
        registry.add("uplink.credential.oss.callback.allowed-key-url-prefixes",
                () -> "http://127.0.0.1:" + KEY_SERVER.getAddress().getPort() + "/oss-keys/");
    }

    @AfterAll
    static void stopKeyServer() {
        KEY_SERVER.stop(0);
    }

    private JsonNode uploadedObject(String tenant) throws Exception {
        JsonNode grant = new ServiceApi(port).post(tenant, "/api/v1/uploads",
                Map.of("filename", "oss.txt", "contentType", "text/plain", "size", 3, "method", "PUT")).json();
        int status = OSS.send(HttpRequest.newBuilder(URI.create(grant.get("url").asString()))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("oss")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(200);
        return grant;
    }

    private HttpResponse<String> callback(String body, byte[] signature, String keyUrl) throws Exception {
        return OSS.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/oss/callback"))
                .header("Content-Type", "application/json")
                .header("Authorization", Base64.getEncoder().encodeToString(signature))
                .header("x-oss-pub-key-url", Base64.getEncoder().encodeToString(keyUrl.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] sign(String content) throws GeneralSecurityException {
        Signature rsa = Signature.getInstance("MD5withRSA");
        rsa.initSign(KEYS.getPrivate());
        rsa.update(content.getBytes(StandardCharsets.UTF_8));
        return rsa.sign();
    }

    private String keyUrl() {
        return "http://127.0.0.1:" + KEY_SERVER.getAddress().getPort() + "/oss-keys/pub.pem";
    }

    @Test
    void aSignedCallbackPublishesTheCompletionWithoutATenantIdentity() throws Exception {
        String tenant = "oss-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode grant = uploadedObject(tenant);
        String body = "{\"bucket\":\"uplink-uploads\",\"object\":\"" + grant.get("key").asString()
                + "\",\"size\":3,\"mimeType\":\"text/plain\",\"etag\":\"x\"}";

        try (UploadCompletedConsumer consumer = new UploadCompletedConsumer()) {
            HttpResponse<String> response = callback(body, sign("/api/v1/oss/callback\n" + body), keyUrl());
            HttpResponse<String> again = callback(body, sign("/api/v1/oss/callback\n" + body), keyUrl());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(again.statusCode()).isEqualTo(200);
            UploadCompleted event = UploadCompletedConsumer.event(
                    consumer.awaitKey(tenant + "/" + grant.get("key").asString()));
            assertThat(event.source()).isEqualTo(UploadSource.OSS_CALLBACK);
            assertThat(event.tenantId()).isEqualTo(tenant);
        }
        assertThat(KEY_FETCHES).hasValue(1);
    }

    @Test
    void rejectsATamperedBody() throws Exception {
        JsonNode grant = uploadedObject("oss-" + UUID.randomUUID().toString().substring(0, 8));
        String body = "{\"object\":\"" + grant.get("key").asString() + "\",\"size\":3}";

        HttpResponse<String> response = callback(body.replace("3", "4"), sign("/api/v1/oss/callback\n" + body), keyUrl());

        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void neverFetchesAKeyFromOutsideTheOssKeyServers() throws Exception {
        int fetchesBefore = KEY_FETCHES.get();
        String body = "{\"object\":\"tenants/x/y\"}";

        HttpResponse<String> response = callback(body, sign("/api/v1/oss/callback\n" + body),
                "http://127.0.0.1:" + KEY_SERVER.getAddress().getPort() + "/elsewhere/pub.pem");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(KEY_FETCHES).hasValue(fetchesBefore);
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer keyServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                KEY_FETCHES.incrementAndGet();
                byte[] pem = ("-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, pem.length);
                exchange.getResponseBody().write(pem);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
