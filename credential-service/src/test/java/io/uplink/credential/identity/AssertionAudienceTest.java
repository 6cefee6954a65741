package io.uplink.credential.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.credential.ServiceApi;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Over real HTTP: credential-service hears the gateway only, and only what the gateway addressed to it. */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class AssertionAudienceTest {

    private static final String TOKENS = "/api/v1/upload-tokens";

    @LocalServerPort
    int port;

    @Test
    void aGatewayAssertionForThisServiceIsHeard() {
        String assertion = TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_CREDENTIAL, "acme", "key_test",
                List.of(IdentityAssertion.ROLE_TENANT));

        // past the identity filter: the controller answers that acme has no such token
        assertThat(get(assertion).status()).isEqualTo(404);
    }

    @Test
    void anAssertionTheGatewaySignedForMetadataServiceIsRefused() {
        String forMetadata = TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_METADATA, "acme", "key_test",
                List.of(IdentityAssertion.ROLE_TENANT));

        ServiceApi.Response response = get(forMetadata);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("identity assertion is addressed to another service");
    }

    @Test
    void anAssertionUnderAKeyNotTrustedForTheGatewayIsRefused() {
        String rogue = TestIdentityKeys.rogue(IdentityAssertion.ISSUER_GATEWAY).sign(new IdentityAssertion(
                IdentityAssertion.ISSUER_GATEWAY, IdentityAssertion.AUDIENCE_CREDENTIAL, "acme", "key_test",
                List.of(IdentityAssertion.ROLE_TENANT), Instant.now().plusSeconds(30)));

        assertThat(get(rogue).status()).isEqualTo(401);
    }

    @Test
    void itsOwnKeyMintsNoCallerOfItsOwnApi() {
        // credential-service signs tenant lookups for metadata-service; it does not hear itself
        String own = TestIdentityKeys.credential().sign(new IdentityAssertion(IdentityAssertion.ISSUER_CREDENTIAL,
                IdentityAssertion.AUDIENCE_CREDENTIAL, "acme", "key_test", List.of(IdentityAssertion.ROLE_TENANT),
                Instant.now().plusSeconds(30)));

        ServiceApi.Response response = get(own);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body()).contains("may not assert");
    }

    private ServiceApi.Response get(String assertion) {
        return new ServiceApi(port).send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + TOKENS + "/"
                        + java.util.UUID.randomUUID()))
                .header(IdentityAssertion.HEADER, assertion).GET().build());
    }
}
