package io.uplink.credential.storage;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A target's client against a real local HTTP server that fails or stalls: retries and timeouts as configured. */
class StorageClientTuningTest {

    private final AtomicInteger requests = new AtomicInteger();
    private volatile Duration stall = Duration.ZERO;
    private HttpServer server;

    @BeforeEach
    void startFailingStore() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(stall.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // 500 InternalError: retryable, and not throttling (which would use the SDK's slower throttling backoff).
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private StorageTargets targetsWith(StorageTargetProperties.Client client) {
        var flaky = new StorageTargetProperties(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "us-east-1", "k", "s", "flaky-bucket", true, null, StorageKind.GENERIC, null, null, client, null);
        return StorageTargets.from(StorageTargetsTest.storage(Map.of("flaky", flaky)), StorageTargetsTest.TUNING);
    }

    @Test
    void retriesAFailingCallUpToTheTargetsMaxAttempts() {
        StorageTargets targets = targetsWith(new StorageTargetProperties.Client(null, null, null, null, 4,
                Duration.ofMillis(5), Duration.ofMillis(20)));
        try {
            StorageTarget flaky = targets.named("flaky");
            assertThatThrownBy(() -> flaky.s3().headBucket(r -> r.bucket(flaky.bucket())))
                    .isInstanceOf(SdkException.class);
            assertThat(requests.get()).isEqualTo(4);
        } finally {
            targets.destroy();
        }
    }

    @Test
    void theApiCallTimeoutBoundsTheWholeCallIncludingRetries() {
        stall = Duration.ofSeconds(3);
        StorageTargets targets = targetsWith(new StorageTargetProperties.Client(null, null, null,
                Duration.ofMillis(300), 3, null, null));
        try {
            StorageTarget flaky = targets.named("flaky");
            long started = System.nanoTime();
            assertThatThrownBy(() -> flaky.s3().headBucket(r -> r.bucket(flaky.bucket())))
                    .isInstanceOf(ApiCallTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        } finally {
            targets.destroy();
        }
    }

    @Test
    void retryStrategyIsTheStandardOneWithTheConfiguredAttempts() {
        var tuning = StorageTargetsTest.TUNING.overriddenBy(new StorageTargetProperties.Client(null, null, null,
                null, 7, null, null));
        assertThat(StorageClientFactory.retryStrategy(tuning).maxAttempts()).isEqualTo(7);
    }
}
