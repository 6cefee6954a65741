package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;

import java.time.Clock;

/**
 * Signs and verifies {@link UploadToken}s: {@code "upt_" base64url(json) "." base64url(HMAC-SHA256(json))}, under a
 * key derived from the identity secret for this purpose alone, so no assertion passes for a token or the reverse.
 * Verifying needs no database: revocation is checked where uploads are granted.
 */
public final class UploadTokenCodec {

    private final SignedValue signed;
    private final Clock clock;

    public UploadTokenCodec(String identitySecret, Clock clock) {
        this.signed = new SignedValue(SignedValue.derivedKey(IdentitySecret.bytes(identitySecret),
                "uplink upload token v1"));
        this.clock = clock;
    }

    public String sign(UploadToken token) {
        return UploadToken.PREFIX + signed.sign(EventJson.write(token));
    }

    /** @throws InvalidIdentityException when the value is no token, forged, malformed or expired */
    public UploadToken verify(String value) {
        if (value == null || !value.startsWith(UploadToken.PREFIX)) {
            throw new InvalidIdentityException("not an upload token");
        }
        byte[] payload = signed.verify(value, UploadToken.PREFIX.length());
        if (payload == null) {
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
