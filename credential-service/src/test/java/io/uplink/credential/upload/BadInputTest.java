package io.uplink.credential.upload;

import io.uplink.credential.ServiceApi;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input answers 4xx problem+json naming the field and the rule: never a 500, never a credential. */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
                "uplink.credential.tenants.defaults.max-object-size=1000",
                "uplink.credential.tenants.defaults.allowed-content-types=image/*,application/pdf"})
class BadInputTest {

    @LocalServerPort
    int port;

    private ServiceApi.Response create(Object body) {
        return new ServiceApi(port).post("bad-input", "/api/v1/uploads", body);
    }

    private static void assertProblem(ServiceApi.Response response, int status, String field, String rule) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.json().get("errors").get(0).get("rule").asString()).isEqualTo(rule);
        assertThat(response.body()).doesNotContain("X-Amz-Signature", "x-amz-signature");
    }

    @Test
    void refusesADisallowedContentType() {
        assertProblem(create(Map.of("filename", "a.html", "contentType", "text/html", "size", 10)),
                400, "contentType", "allowed-content-types");
    }

    @Test
    void refusesAHeaderInjectionInTheContentType() {
        assertProblem(create(Map.of("filename", "a.png", "contentType", "image/png\r\nx-amz-acl: public-read", "size", 10)),
                400, "contentType", "media-type");
    }

    @Test
    void refusesSizeZeroAndAboveTheLimit() {
        assertProblem(create(Map.of("filename", "a.png", "contentType", "image/png", "size", 0)),
                400, "size", "must be greater than 0");
        assertProblem(create(Map.of("filename", "a.png", "contentType", "image/png", "size", 1001)),
                400, "size", "max-object-size");
    }

    @Test
    void refusesASizeThatIsNotAWholeNumber() {
        for (double size : new double[] {1.5, 10.01, 999.99}) {
            assertProblem(create(Map.of("filename", "a.png", "contentType", "image/png", "size", size)),
                    400, "body", "malformed JSON");
        }
    }

    @Test
    void refusesAMalformedChecksum() {
        assertProblem(create(Map.of("filename", "a.png", "contentType", "image/png", "size", 10,
                "checksumSha256", "not-base64")), 400, "checksumSha256", "base64-sha256");
    }

    @Test
    void refusesMalformedJsonAndUnknownMethods() {
        assertProblem(create("{\"filename\": "), 400, "body", "malformed JSON");
        assertProblem(create(Map.of("filename", "a.png", "contentType", "image/png", "size", 10, "method", "COPY")),
                400, "body", "malformed JSON");
    }

    @Test
    void refusesACompletionListingMorePartsThanS3AllowsBeforeLookingTheUploadUp() {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int number = 1; number <= 10_001; number++) {
            parts.add(Map.of("partNumber", Math.min(number, 10_000), "etag", "\"e\""));
        }
        ServiceApi api = new ServiceApi(port);
        ServiceApi.Response response = api.post("bad-input",
                "/api/v1/uploads/00000000-0000-0000-0000-000000000001/complete", Map.of("parts", parts));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");

        List<Map<String, Object>> companionParts = new ArrayList<>();
        for (int number = 1; number <= 10_001; number++) {
            companionParts.add(Map.of("PartNumber", number, "ETag", "\"e\""));
        }
        ServiceApi.Response companion = api.post("bad-input",
                "/api/v1/s3/multipart/unknown/complete?key=tenants/bad-input/x", Map.of("parts", companionParts));
        assertThat(companion.status()).as(companion.body()).isEqualTo(400);
        assertThat(companion.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownUploadIdIsNotFound() {
        ServiceApi.Response response = new ServiceApi(port).get("bad-input",
                "/api/v1/uploads/00000000-0000-0000-0000-000000000001");
        ServiceApi.Response notUuid = new ServiceApi(port).get("bad-input", "/api/v1/uploads/../../etc");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(notUuid.status()).isBetween(400, 404);
    }
}
