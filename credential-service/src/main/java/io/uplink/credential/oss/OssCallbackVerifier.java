package io.uplink.credential.oss;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Verifies Alibaba OSS upload callbacks: {@code Authorization} is base64 of an MD5withRSA signature over
 * {@code urldecode(path) + ("?" + query if any) + "\n" + body}; the public key sits at the base64-decoded
 * {@code x-oss-pub-key-url}, accepted only under the allowed prefixes, fetched once and cached.
 */
class OssCallbackVerifier {

    private final List<String> allowedPrefixes;
    private final HttpClient http;
    private final ConcurrentMap<String, PublicKey> keys = new ConcurrentHashMap<>();

    OssCallbackVerifier(List<String> allowedPrefixes, HttpClient http) {
        this.allowedPrefixes = List.copyOf(allowedPrefixes);
        this.http = http;
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
        if (allowedPrefixes.stream().noneMatch(keyUrl::startsWith)) {
            throw new InvalidCallbackException("public key URL is not an OSS key server");
        }
        String path = URLDecoder.decode(rawPath, StandardCharsets.UTF_8);
        String signed = path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery) + "\n";
        try {
            Signature rsa = Signature.getInstance("MD5withRSA");
            rsa.initVerify(key(keyUrl));
            rsa.update(signed.getBytes(StandardCharsets.UTF_8));
            rsa.update(body);
            if (!rsa.verify(signature)) {
                throw new InvalidCallbackException("callback signature does not verify");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidCallbackException("callback signature does not verify");
        }
    }

    private PublicKey key(String url) {
        PublicKey cached = keys.get(url);
        if (cached != null) {
            return cached;
        }
        PublicKey fetched = fetch(url);
        keys.putIfAbsent(url, fetched);
        return fetched;
    }

    private PublicKey fetch(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new InvalidCallbackException("OSS key server answered " + response.statusCode());
            }
            String base64 = response.body().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new InvalidCallbackException("OSS public key could not be loaded");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidCallbackException("interrupted while loading the OSS public key");
        }
    }

    static class InvalidCallbackException extends RuntimeException {
        InvalidCallbackException(String message) {
            super(message);
        }
    }
}
