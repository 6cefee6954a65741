package io.uplink.credential.sts;

import com.sun.net.httpserver.HttpServer;
import io.uplink.contracts.EventJson;
import io.uplink.credential.ServiceApi;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3Proxy has no STS, so a local HTTP server speaks the STS Query API wire format (form-encoded AssumeRole in,
 * AssumeRoleResponse XML out) and records exactly what the service sent.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
                "uplink.credential.sts.role-arn=arn:aws:iam::123456789012:role/uplink-uploader",
                "uplink.credential.tenants.defaults.credential-ttl-seconds=1200"})
class StsCredentialsTest {

    private static final List<Map<String, String>> CALLS = new CopyOnWriteArrayList<>();
    private static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();
    private static final HttpServer STS = startSts();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sts(DynamicPropertyRegistry registry) {
        registry.add("uplink.credential.sts.endpoint", () -> "http://127.0.0.1:" + STS.getAddress().getPort());
    }

    @AfterAll
    static void stopSts() {
        STS.stop(0);
    }

    @Test
    void assumesTheRoleWithASessionPolicyLimitedToTheTenantsPrefix() {
        ServiceApi.Response response = new ServiceApi(port).post("sts-tenant", "/api/v1/sts/credentials", null);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("accessKeyId").asString()).isEqualTo("ASIATESTACCESSKEY");
        assertThat(body.get("secretAccessKey").asString()).isEqualTo("test-secret");
        assertThat(body.get("sessionToken").asString()).isEqualTo("test-session-token");
        assertThat(body.get("expiration").asString()).isEqualTo("2030-01-01T00:20:00Z");
        assertThat(body.get("bucket").asString()).isEqualTo("uplink-uploads");
        assertThat(body.get("prefix").asString()).isEqualTo("tenants/sts-tenant/");

        Map<String, String> call = CALLS.get(CALLS.size() - 1);
        assertThat(call).containsEntry("Action", "AssumeRole")
                .containsEntry("Version", "2011-06-15")
                .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/uplink-uploader")
                .containsEntry("DurationSeconds", "1200");
        assertThat(call.get("RoleSessionName")).startsWith("uplink-sts-tenant-");
        assertThat(EventJson.mapper().readTree(call.get("Policy"))).isEqualTo(EventJson.mapper().readTree("""
                {"Version":"2012-10-17","Statement":[{"Sid":"UplinkTenantUploads","Effect":"Allow",
                 "Action":["s3:PutObject","s3:AbortMultipartUpload","s3:ListMultipartUploadParts"],
                 "Resource":["arn:aws:s3:::uplink-uploads/tenants/sts-tenant/*"]}]}"""));
        assertThat(AUTHORIZATIONS.get(AUTHORIZATIONS.size() - 1)).startsWith("AWS4-HMAC-SHA256 Credential=uplink-local-access/")
                .contains("/sts/aws4_request");
    }

    @Test
    void companionStsAnswersInCompanionsShape() {
        ServiceApi.Response response = new ServiceApi(port).get("sts-tenant", "/api/v1/s3/sts");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("credentials").get("AccessKeyId").asString()).isEqualTo("ASIATESTACCESSKEY");
        assertThat(response.json().get("credentials").get("SessionToken").asString()).isEqualTo("test-session-token");
        assertThat(response.json().get("bucket").asString()).isEqualTo("uplink-uploads");
        assertThat(response.json().get("region").asString()).isEqualTo("us-east-1");
    }

    private static HttpServer startSts() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> params = new LinkedHashMap<>();
                for (String pair : form.split("&")) {
                    int eq = pair.indexOf('=');
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
                CALLS.add(params);
                AUTHORIZATIONS.add(exchange.getRequestHeaders().getFirst("Authorization"));
                byte[] xml = """
                        <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <AssumeRoleResult>
                            <Credentials>
                              <AccessKeyId>ASIATESTACCESSKEY</AccessKeyId>
                              <SecretAccessKey>test-secret</SecretAccessKey>
                              <SessionToken>test-session-token</SessionToken>
                              <Expiration>2030-01-01T00:20:00Z</Expiration>
                            </Credentials>
                            <AssumedRoleUser>
                              <AssumedRoleId>AROATEST:uplink</AssumedRoleId>
                              <Arn>arn:aws:sts::123456789012:assumed-role/uplink-uploader/uplink</Arn>
                            </AssumedRoleUser>
                          </AssumeRoleResult>
                          <ResponseMetadata><RequestId>test-request</RequestId></ResponseMetadata>
                        </AssumeRoleResponse>""".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/xml");
                exchange.sendResponseHeaders(200, xml.length);
                exchange.getResponseBody().write(xml);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
