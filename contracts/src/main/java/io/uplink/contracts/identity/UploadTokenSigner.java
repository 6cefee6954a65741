package io.uplink.contracts.identity;

import io.uplink.contracts.EventJson;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * Signs {@link UploadToken}s with credential-service's private key:
 * {@code "upt_" base64url(json) "." base64url(Ed25519(context, json))}, under a context of their own, so that no
 * assertion of the same issuer passes for a token or the reverse.
 */
public final class UploadTokenSigner {

    private final PrivateKey key;

    public UploadTokenSigner(PrivateKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    public String sign(UploadToken token) {
        return UploadToken.PREFIX + SignedValue.sign(key, SignedValue.UPLOAD_TOKEN_CONTEXT, EventJson.write(token));
    }
}
