package io.uplink.bench.webhooks;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver that costs as little as a real one can: Reactor Netty on 127.0.0.1, reads the body, answers
 * 204 and counts. Every {@value #VERIFY_EVERY}th request has its Standard Webhooks signature checked against the
 * endpoint's secret (HMAC-SHA256 here, independently of the service's signer), so a benchmark cannot count
 * unsigned or wrongly signed requests as deliveries.
 */
final class FastReceiver implements AutoCloseable {

    static final int VERIFY_EVERY = 50;

    /** Told about each request as it arrives, with the receiver's {@link System#nanoTime()} of its arrival. */
    @FunctionalInterface
    interface Arrivals {
        void arrived(byte[] body, long nanoTime);
    }

    private final Map<String, byte[]> keysByPath = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private volatile Arrivals arrivals = (body, nanoTime) -> {
    };
    private final DisposableServer server;

    FastReceiver() {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> request.receive().aggregate().asByteArray()
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            accept(request, body);
                            return response.status(204).send();
                        }))
                .bindNow();
    }

    /** The URL of {@code path} (starting with /) at this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** Requests to {@code path} are verified with {@code secret} (whsec_…). */
    void trust(String path, String secret) {
        keysByPath.put(path, keyOf(secret));
    }

    void observe(Arrivals observer) {
        this.arrivals = observer;
    }

    long received() {
        return received.get();
    }

    /** @throws AssertionError if any sampled request was not signed with its endpoint's secret */
    long verifiedSignatures() {
        if (badSignatures.get() > 0) {
            throw new AssertionError(badSignatures.get() + " sampled webhooks had no valid signature");
        }
        return verified.get();
    }

    private void accept(HttpServerRequest request, byte[] body) {
        long now = System.nanoTime();
        arrivals.arrived(body, now);
        if (received.incrementAndGet() % VERIFY_EVERY == 0) {
            if (signedCorrectly(request, body)) {
                verified.incrementAndGet();
            } else {
                badSignatures.incrementAndGet();
            }
        }
    }

    private boolean signedCorrectly(HttpServerRequest request, byte[] body) {
        byte[] key = keysByPath.get(request.path().isEmpty() ? "/" : "/" + request.path());
        String id = request.requestHeaders().get("webhook-id");
        String timestamp = request.requestHeaders().get("webhook-timestamp");
        String signatures = request.requestHeaders().get("webhook-signature");
        if (key == null || id == null || timestamp == null || signatures == null) {
            return false;
        }
        byte[] expected = sign(key, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String signature : signatures.split(" ")) {
            if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                    signature.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    /** base64 HMAC-SHA256 of {@code id.timestamp.body}, as Standard Webhooks defines it. */
    static String sign(byte[] key, String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] keyOf(String secret) {
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }


    @Override
    public void close() {
        server.disposeNow();
    }
}
