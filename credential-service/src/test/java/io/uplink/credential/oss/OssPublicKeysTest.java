package io.uplink.credential.oss;

import com.sun.net.httpserver.HttpServer;
import io.uplink.credential.oss.OssCallbackVerifier.InvalidCallbackException;
import io.uplink.testsupport.time.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key cache in front of a real local key server: under {@code /oss-keys/} every {@code ok-*} URL serves a key,
 * every {@code slow-*} URL serves one after 5 s, and anything else answers 404.
 */
class OssPublicKeysTest {

    private static final byte[] PEM = pem();

    private final Map<String, AtomicInteger> fetches = new ConcurrentHashMap<>();
    private final CountDownLatch slowFetchStarted = new CountDownLatch(1);
    private final HttpServer keyServer = keyServer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @AfterEach
    void stopKeyServer() {
        keyServer.stop(0);
    }

    private OssPublicKeys keys(int maxEntries, int maxConcurrentFetches, int fetchesPerMinute) {
        OssCallbackProperties properties = new OssCallbackProperties(List.of(url("/oss-keys/")), maxEntries,
                Duration.ofMillis(500), Duration.ofSeconds(30), maxConcurrentFetches, fetchesPerMinute);
        return new OssPublicKeys(properties, HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build(), clock);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + keyServer.getAddress().getPort() + path;
    }

    private int fetchesOf(String path) {
        AtomicInteger count = fetches.get(path);
        return count == null ? 0 : count.get();
    }

    private int allFetches() {
        return fetches.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Test
    void fetchesAKeyOnceAndServesItFromMemoryAfterwards() {
        OssPublicKeys keys = keys(16, 2, 20);

        PublicKey first = keys.key(url("/oss-keys/ok-1.pem"));
        PublicKey again = keys.key(url("/oss-keys/ok-1.pem"));

        assertThat(again).isEqualTo(first);
        assertThat(fetchesOf("/oss-keys/ok-1.pem")).isEqualTo(1);
    }

    @Test
    void remembersNoMoreKeysThanItsBoundDroppingTheLeastRecentlyUsed() {
        OssPublicKeys keys = keys(3, 2, 100);
        keys.key(url("/oss-keys/ok-hot.pem"));
        for (int i = 0; i < 10; i++) {
            keys.key(url("/oss-keys/ok-" + i + ".pem"));
            keys.key(url("/oss-keys/ok-hot.pem"));
        }

        assertThat(keys.remembered()).isEqualTo(3);
        assertThat(fetchesOf("/oss-keys/ok-hot.pem")).as("in use all along, never dropped").isEqualTo(1);
    }

    @Test
    void aFailedFetchIsRememberedBrieflySoAFloodNamingItFetchesItOnce() {
        OssPublicKeys keys = keys(16, 2, 20);

        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> keys.key(url("/oss-keys/missing.pem")))
                    .isInstanceOf(InvalidCallbackException.class).hasMessageContaining("404");
        }
        assertThat(fetchesOf("/oss-keys/missing.pem")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> keys.key(url("/oss-keys/missing.pem"))).isInstanceOf(InvalidCallbackException.class);
        assertThat(fetchesOf("/oss-keys/missing.pem")).as("asked again once the failure expired").isEqualTo(2);
    }

    @Test
    void neverFetchesNorRemembersAUrlOutsideTheAllowedPrefixes() {
        OssPublicKeys keys = keys(16, 2, 20);

        assertThatThrownBy(() -> keys.key(url("/elsewhere/ok-1.pem"))).isInstanceOf(InvalidCallbackException.class);

        assertThat(allFetches()).isZero();
        assertThat(keys.remembered()).isZero();
    }

    @Test
    void aFloodNamingEverNewUrlsStartsNoMoreFetchesPerMinuteThanAllowed() {
        OssPublicKeys keys = keys(16, 2, 5);

        for (int i = 0; i < 40; i++) {
            String url = url("/oss-keys/missing-" + i + ".pem");
            assertThatThrownBy(() -> keys.key(url)).isInstanceOf(InvalidCallbackException.class);
        }
        assertThat(allFetches()).isEqualTo(5);

        clock.advance(Duration.ofMinutes(1));
        assertThat(keys.key(url("/oss-keys/ok-1.pem"))).as("a new minute, a new budget").isNotNull();
    }

    @Test
    void givesUpOnASlowKeyServerAfterTheFetchTimeout() {
        OssPublicKeys keys = keys(16, 2, 20);
        long started = System.nanoTime();

        assertThatThrownBy(() -> keys.key(url("/oss-keys/slow-1.pem"))).isInstanceOf(InvalidCallbackException.class);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void fetchesNoMoreAtOnceThanAllowedAndRefusesTheRestWithoutWaiting() throws Exception {
        OssPublicKeys keys = keys(16, 1, 20);
        var pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> slow = pool.submit(() -> keys.key(url("/oss-keys/slow-1.pem")));
            assertThat(slowFetchStarted.await(5, TimeUnit.SECONDS)).isTrue();

            List<Future<?>> others = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String url = url("/oss-keys/ok-" + i + ".pem");
                others.add(pool.submit(() -> keys.key(url)));
            }
            for (Future<?> other : others) {
                assertThatThrownBy(() -> other.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(InvalidCallbackException.class);
            }
            assertThat(fetchesOf("/oss-keys/ok-0.pem") + fetchesOf("/oss-keys/ok-1.pem") + fetchesOf("/oss-keys/ok-2.pem"))
                    .isZero();
            slow.cancel(true);
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpServer keyServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                fetches.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                try {
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    if (path.startsWith("/oss-keys/slow-")) {
                        slowFetchStarted.countDown();
                        Thread.sleep(5_000);
                    }
                    if (path.startsWith("/oss-keys/") && (name.startsWith("ok-") || name.startsWith("slow-"))) {
                        exchange.sendResponseHeaders(200, PEM.length);
                        exchange.getResponseBody().write(PEM);
                    } else {
                        exchange.sendResponseHeaders(404, -1);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    // the client gave up on us
                } finally {
                    exchange.close();
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            return ("-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
