package io.uplink.credential.oss;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Base64;

/**
 * Verifies Alibaba OSS upload callbacks: {@code Authorization} is base64 of an MD5withRSA signature over
 * {@code urldecode(path) + ("?" + query if any) + "\n" + body}; the public key sits at the base64-decoded
 * {@code x-oss-pub-key-url}, accepted only under the allowed prefixes and loaded through {@link OssPublicKeys}.
 */
class OssCallbackVerifier {

    private final OssPublicKeys keys;

    OssCallbackVerifier(OssPublicKeys keys) {
        this.keys = keys;
    }

    /** @throws InvalidCallbackException when anything about the signature is wrong */
    void verify(String rawPath, String rawQuery, byte[] body, String authorization, String encodedKeyUrl) {
        if (authorization == null || encodedKeyUrl == null) {
            throw new InvalidCallbackException("missing Authorization or x-oss-pub-key-url");
        }
        String keyUrl;
        byte[] signature;
        try {
            keyUrl = new String(Base64.getDecoder().decode(encodedKeyUrl.trim()), StandardCharsets.UTF_8);
            signature = Base64.getDecoder().decode(authorization.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidCallbackException("Authorization or x-oss-pub-key-url is not base64");
        }
        if (!keys.allowed(keyUrl)) {
            throw new InvalidCallbackException("public key URL is not an OSS key server");
        }
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        String signed = path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery) + "\n";
        try {
            Signature rsa = Signature.getInstance("MD5withRSA");
            rsa.initVerify(keys.key(keyUrl));
            rsa.update(signed.getBytes(StandardCharsets.UTF_8));
            rsa.update(body);
            if (!rsa.verify(signature)) {
                throw new InvalidCallbackException("callback signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidCallbackException("callback signature does not verify");
        }
    }

    static class InvalidCallbackException extends RuntimeException {
        InvalidCallbackException(String message) {
            super(message);
        }
    }
}
