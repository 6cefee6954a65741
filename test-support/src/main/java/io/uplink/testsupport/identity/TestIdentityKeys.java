package io.uplink.testsupport.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.UploadTokenSigner;

import java.time.Instant;
import java.util.List;

/**
 * Fixed Ed25519 key pairs for tests (never for a deployment): the gateway's and credential-service's, as the services
 * under test trust them, and a rogue pair nobody trusts. The property constants go straight into
 * {@code @SpringBootTest(properties = …)}.
 */
public final class TestIdentityKeys {

    public static final String GATEWAY_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIAyJUW3tQ9MQ+jnEuKTTPRyw5zTSadZ+ZHMNCY2IviW0";
    public static final String GATEWAY_PUBLIC_KEY = "MCowBQYDK2VwAyEA69OpLyskLMiv6fJpRWurNWbbPYwQ4rqqqNvT6V9SnV0=";
    public static final String CREDENTIAL_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIE7Vf5bUSnk31Qc4KaKffcDjZcVVLuzcPTNVCq8M7c0D";
    public static final String CREDENTIAL_PUBLIC_KEY = "MCowBQYDK2VwAyEAjbFO8XlRBnQOkijFwuB+uXFiFlxbHagGqF4hKUR0GL8=";
    public static final String ROGUE_PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEIAD+ezmtvU81/uFPT+Uvf532ienZRU1sS5dlwL75twX0";

    /** {@code UPLINK_IDENTITY_TRUSTED_KEYS} of the services under test: the gateway and credential-service. */
    public static final String TRUSTED_KEYS = "gateway=" + GATEWAY_PUBLIC_KEY + ",credential=" + CREDENTIAL_PUBLIC_KEY;

    /** Property for any service under test: trusts the gateway's and credential-service's keys. */
    public static final String TRUSTED_KEYS_PROPERTY = "uplink.identity.trusted-keys=" + TRUSTED_KEYS;
    /** Property for credential-service or a gateway under test: signs with credential-service's key. */
    public static final String CREDENTIAL_PRIVATE_KEY_PROPERTY = "uplink.identity.private-key=" + CREDENTIAL_PRIVATE_KEY;
    /** Property for a gateway under test: signs with the gateway's key. */
    public static final String GATEWAY_PRIVATE_KEY_PROPERTY = "uplink.identity.private-key=" + GATEWAY_PRIVATE_KEY;

    private static final IdentityAssertionSigner GATEWAY = new IdentityAssertionSigner(IdentityAssertion.ISSUER_GATEWAY,
            GATEWAY_PRIVATE_KEY);
    private static final IdentityAssertionSigner CREDENTIAL = new IdentityAssertionSigner(
            IdentityAssertion.ISSUER_CREDENTIAL, CREDENTIAL_PRIVATE_KEY);

    private TestIdentityKeys() {
    }

    /** Signs as the gateway does. */
    public static IdentityAssertionSigner gateway() {
        return GATEWAY;
    }

    /** Signs as credential-service does. */
    public static IdentityAssertionSigner credential() {
        return CREDENTIAL;
    }

    /** Signs as {@code issuer} with a key no service trusts. */
    public static IdentityAssertionSigner rogue(String issuer) {
        return new IdentityAssertionSigner(issuer, ROGUE_PRIVATE_KEY);
    }

    /** Signs upload tokens as credential-service does. */
    public static UploadTokenSigner uploadTokens() {
        return new UploadTokenSigner(IdentityKeys.privateKey(CREDENTIAL_PRIVATE_KEY));
    }

    /** A gateway assertion for {@code audience}, valid for 30 seconds. */
    public static String fromGateway(String audience, String tenantId, String subject, List<String> roles) {
        return GATEWAY.sign(new IdentityAssertion(IdentityAssertion.ISSUER_GATEWAY, audience, tenantId, subject, roles,
                Instant.now().plusSeconds(30)));
    }
}
