package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies {@link UploadToken}s under credential-service's public key (the gateway and credential-service do). Verifying
 * needs no database: revocation is checked where uploads are granted.
 */
public final class UploadTokenVerifier {

    /** Upload tokens are issued by credential-service only. */
    public static final String ISSUER = IdentityAssertion.ISSUER_CREDENTIAL;

    private final PublicKey key;
    private final Clock clock;

    public UploadTokenVerifier(PublicKey credentialKey, Clock clock) {
        this.key = Objects.requireNonNull(credentialKey, "credentialKey");
        this.clock = clock;
    }

    /** @throws IllegalArgumentException when the trusted keys lack credential-service's */
    public static UploadTokenVerifier fromTrustedKeys(Map<String, PublicKey> trustedKeys, Clock clock) {
        PublicKey key = trustedKeys.get(ISSUER);
        if (key == null) {
            throw new IllegalArgumentException("the trusted identity keys need credential-service's ('" + ISSUER
                    + "=…') to verify upload tokens");
        }
        return new UploadTokenVerifier(key, clock);
    }

    /** @throws InvalidIdentityException when the value is no token, forged, malformed or expired */
    public UploadToken verify(String value) {
        if (value == null || !value.startsWith(UploadToken.PREFIX)) {
            throw new InvalidIdentityException("not an upload token");
        }
        byte[] payload = SignedValue.payload(value, UploadToken.PREFIX.length());
        if (payload == null || !SignedValue.verifies(key, SignedValue.UPLOAD_TOKEN_CONTEXT, payload, value)) {
            throw new InvalidIdentityException("upload token signature does not verify");
        }
        UploadToken token;
        try {
            token = EventJson.read(payload, UploadToken.class);
        } catch (RuntimeException e) {
            throw new InvalidIdentityException("malformed upload token");
        }
        if (!token.expiresAt().isAfter(clock.instant())) {
            throw new InvalidIdentityException("upload token expired");
        }
        return token;
    }
}
