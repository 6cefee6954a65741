package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * Signs {@link IdentityAssertion}s as one issuer, with that issuer's own private key:
 * {@code base64url(json) "." base64url(Ed25519(context, json))}. Only the gateway and credential-service hold one;
 * the wire format is a contract between them and the services, which is why it lives here (docs/internal-contracts.md).
 */
public final class IdentityAssertionSigner {

    private final String issuer;
    private final PrivateKey key;

    public IdentityAssertionSigner(String issuer, PrivateKey key) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("a signer needs an issuer name");
        }
        this.issuer = issuer;
        this.key = Objects.requireNonNull(key, "key");
    }

    /** @param base64Pkcs8 {@code UPLINK_IDENTITY_PRIVATE_KEY} */
    public IdentityAssertionSigner(String issuer, String base64Pkcs8) {
        this(issuer, IdentityKeys.privateKey(base64Pkcs8));
    }

    public String issuer() {
        return issuer;
    }

    /** @throws IllegalArgumentException when the assertion names another issuer */
    public String sign(IdentityAssertion assertion) {
        if (!issuer.equals(assertion.issuer())) {
            throw new IllegalArgumentException("this signer signs as '" + issuer + "', not as '" + assertion.issuer() + "'");
        }
        return SignedValue.sign(key, SignedValue.ASSERTION_CONTEXT, EventJson.write(assertion));
    }
}
