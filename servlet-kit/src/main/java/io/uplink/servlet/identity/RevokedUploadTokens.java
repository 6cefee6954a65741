package io.uplink.servlet.identity;

import java.util.UUID;

/** Which upload tokens were revoked before they expired; the identity filter refuses them. */
public interface RevokedUploadTokens {

    boolean isRevoked(UUID tokenId);
}
