package io.uplink.callback.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, one per active secret,
 * space-separated, so a receiver holding either the old or the new secret verifies during a rotation.
 */
public final class WebhookSigner {

    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private static final String ALGORITHM = "HmacSHA256";
    /** Keyed MACs per thread: a Mac is not thread-safe, and looking one up and keying it cost more than signing. */
    private static final ThreadLocal<KeyedMacs> MACS = ThreadLocal.withInitial(KeyedMacs::new);

    private WebhookSigner() {
    }

    public static String signatureHeader(String id, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs");
        }
        byte[] prefix = signedPrefix(id, timestampSeconds);
        StringBuilder header = new StringBuilder(secrets.size() * 48);
        for (WebhookSecret secret : secrets) {
            if (!header.isEmpty()) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(secret, prefix, body)));
        }
        return header.toString();
    }

    public static String sign(String id, long timestampSeconds, byte[] body, WebhookSecret secret) {
        return signatureHeader(id, timestampSeconds, body, List.of(secret));
    }

    static byte[] hmac(WebhookSecret secret, String id, long timestampSeconds, byte[] body) {
        return hmac(secret, signedPrefix(id, timestampSeconds), body);
    }

    private static byte[] signedPrefix(String id, long timestampSeconds) {
        return (id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(WebhookSecret secret, byte[] prefix, byte[] body) {
        // doFinal leaves the Mac keyed and reset, ready for the next message under the same secret
        Mac mac = MACS.get().keyedWith(secret);
        mac.update(prefix);
        return mac.doFinal(body);
    }

    /** The most recently used secrets' MACs of one thread, a bounded number (endpoints are many, threads few). */
    private static final class KeyedMacs extends LinkedHashMap<String, Mac> {

        private static final int MAX_SECRETS = 1_024;

        KeyedMacs() {
            super(16, 0.75f, true);
        }

        Mac keyedWith(WebhookSecret secret) {
            Mac mac = get(secret.value());
            if (mac == null) {
                try {
                    mac = Mac.getInstance(ALGORITHM);
                    mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(ALGORITHM + " unavailable", e);
                }
                put(secret.value(), mac);
            }
            return mac;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Mac> eldest) {
            return size() > MAX_SECRETS;
        }
    }
}
