package io.uplink.credential.uppy;

import io.uplink.credential.ServiceApi;
import io.uplink.credential.reconcile.UploadReconciler;
import io.uplink.credential.upload.StorageClient;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.uplink.credential.uppy.UppySignRequestClient.request;
import static io.uplink.credential.uppy.UppySignRequestClient.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tenant with a 1000-byte limit and only {@code image/*} and PDF allowed (same settings as {@code BadInputTest},
 * so the context is shared): signRequest uploads still obey both rules.
 */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY,
                "uplink.credential.tenants.defaults.max-object-size=1000",
                "uplink.credential.tenants.defaults.allowed-content-types=image/*,application/pdf"})
class SignRequestTenantRulesTest {

    @LocalServerPort
    int port;

    @Autowired
    UploadReconciler reconciler;

    private UppySignRequestClient uppy() {
        return new UppySignRequestClient(port, "rules-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void aTenantThatRestrictsTypesGetsTheTypeSignedAndCannotLeaveItOut() {
        UppySignRequestClient uppy = uppy();
        ServiceApi.Response untyped = uppy.signRaw(request("method", "PUT", "key", UUID.randomUUID() + "-a.png"));
        ServiceApi.Response disallowed = uppy.signRaw(request("method", "PUT", "key", "a.html", "contentType", "text/html"));
        JsonNode typed = uppy.sign(request("method", "PUT", "key", "a.png", "contentType", "image/png"));

        assertThat(untyped.status()).isEqualTo(400);
        assertThat(untyped.json().get("errors").get(0).get("field").asString()).isEqualTo("contentType");
        assertThat(disallowed.status()).isEqualTo(400);
        assertThat(disallowed.json().get("errors").get(0).get("rule").asString()).isEqualTo("allowed-content-types");
        assertThat(send("PUT", typed.get("url").asString(), "text/html", new byte[10]).statusCode()).isEqualTo(403);
        assertThat(send("PUT", typed.get("url").asString(), "image/png", new byte[10]).statusCode()).isEqualTo(200);
    }

    @Test
    void createMultipartUploadSignsTheDeclaredTypeSoTheStoreRefusesAnother() {
        JsonNode create = uppy().sign(request("method", "POST", "key", "scan.pdf", "contentType", "application/pdf"));

        assertThat(send("POST", create.get("url").asString(), "text/html", null).statusCode()).isEqualTo(403);
        assertThat(send("POST", create.get("url").asString(), "application/pdf", null).statusCode()).isEqualTo(200);
    }

    @Test
    void anOpenSizePutAboveTheTenantsLimitIsRemovedInsteadOfPublished() {
        JsonNode signed = uppy().sign(request("method", "PUT", "key", "big.png", "contentType", "image/png"));
        String key = signed.get("key").asString();
        assertThat(send("PUT", signed.get("url").asString(), "image/png", new byte[2000]).statusCode()).isEqualTo(200);

        UploadReconciler.Result result = reconciler.reconcile(Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(result.rejected()).isGreaterThanOrEqualTo(1);
        try (S3Client storage = StorageClient.admin()) {
            assertThatThrownBy(() -> storage.headObject(r -> r.bucket("uplink-uploads").key(key)))
                    .isInstanceOf(NoSuchKeyException.class);
        }
    }
}
