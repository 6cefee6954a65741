package io.uplink.servlet.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.InvalidIdentityException;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.UploadTokenVerifier;

import java.util.List;

/**
 * An uploader (an end user with an upload token) must also bring the token the gateway verified, for the same
 * tenant and subject, not revoked, and reaches the upload routes only: the gateway refuses the rest already, and
 * this holds even if it did not. A service that serves uploaders declares it as a bean.
 */
public class UploadTokenCheck {

    private final UploadTokenVerifier codec;
    private final RevokedUploadTokens revoked;
    private final List<String> uploadPathPrefixes;

    public UploadTokenCheck(UploadTokenVerifier codec, RevokedUploadTokens revoked, List<String> uploadPathPrefixes) {
        this.codec = codec;
        this.revoked = revoked;
        this.uploadPathPrefixes = List.copyOf(uploadPathPrefixes);
    }

    /**
     * @throws InvalidIdentityException when the token is missing, invalid, someone else's or revoked
     * @throws UploaderOutOfBoundsException when the path is not an upload route
     */
    UploadToken verify(IdentityAssertion assertion, String uploadTokenHeader, String path) {
        UploadToken token = codec.verify(uploadTokenHeader);
        if (!token.tenantId().equals(assertion.tenantId()) || !token.subject().equals(assertion.subject())) {
            throw new InvalidIdentityException("upload token does not match the identity assertion");
        }
        if (revoked.isRevoked(token.id())) {
            throw new InvalidIdentityException("upload token revoked");
        }
        if (uploadPathPrefixes.stream().noneMatch(path::startsWith)) {
            throw new UploaderOutOfBoundsException("an upload token is accepted on the upload routes only");
        }
        return token;
    }
}
