package io.uplink.acceptance;

import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several clients of one tenant uploading small files through the gateway at once (mint, PUT to the store, complete),
 * retrying what the AWS SDKs' standard retry mode retries: any 5xx, a dropped connection and throttling (429, after
 * its {@code Retry-After}: four closed-loop clients can outrun the tenant's default 50 requests/s). A retried mint is
 * a new upload (the abandoned session simply expires); a retried completion is idempotent. Clients upload a given
 * number of files each, or until stopped; optionally no faster than one upload per {@code pace} each, and through
 * several gateways ({@link GatewayPool}).
 */
final class UploadLoad {

    private final TenantBackend tenant;
    private final Duration retryFor;
    private final ObjectStore store = new ObjectStore();
    private final List<String> keys = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger retried = new AtomicInteger();
    private final Map<Integer, Integer> retriedByStatus = new ConcurrentHashMap<>();
    private final List<Future<?>> running = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private GatewayCalls gateways;
    private Duration pace = Duration.ZERO;
    private ExecutorService clients;
    private CountDownLatch uploaded;

    UploadLoad(TenantBackend tenant, Duration retryFor) {
        this.tenant = tenant;
        this.retryFor = retryFor;
        this.gateways = GatewayCalls.only(tenant.gateway());
    }

    /** Sends the clients' calls there instead of the tenant's one gateway. */
    UploadLoad through(GatewayCalls gateways) {
        this.gateways = gateways;
        return this;
    }

    /** Each client starts an upload at most once per {@code pace}: a steady load rather than as fast as it goes. */
    UploadLoad pacedAt(Duration pace) {
        this.pace = pace;
        return this;
    }

    /** Starts {@code clientCount} clients uploading until {@link #stop()}. */
    UploadLoad startUntilStopped(int clientCount) {
        return start(clientCount, Integer.MAX_VALUE);
    }

    /** The clients finish the upload they are in and start no other. */
    void stop() {
        stopped.set(true);
    }

    /** Starts {@code clients} clients uploading {@code uploadsPerClient} files each. */
    UploadLoad start(int clientCount, int uploadsPerClient) {
        uploaded = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, (long) clientCount * uploadsPerClient));
        clients = Executors.newFixedThreadPool(clientCount);
        for (int client = 0; client < clientCount; client++) {
            int clientNumber = client;
            running.add(clients.submit(() -> {
                for (int i = 0; i < uploadsPerClient && !stopped.get(); i++) {
                    long began = System.nanoTime();
                    keys.add(upload("client-" + clientNumber + "-upload-" + i + ".txt"));
                    uploaded.countDown();
                    long rest = pace.toNanos() - (System.nanoTime() - began);
                    if (rest > 0) {
                        Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                    }
                }
                return null;
            }));
        }
        return this;
    }

    /** Waits until at least this many uploads completed. */
    void awaitCompleted(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (keys.size() < count) {
            assertThat(Instant.now()).as("%d uploads completed within %d s", count, timeout.toSeconds()).isBefore(deadline);
            if (running.stream().anyMatch(Future::isDone) && running.stream().allMatch(Future::isDone)) {
                break;
            }
            Thread.sleep(50);
        }
    }

    /** Waits for every client to finish; rethrows what made one fail. */
    List<String> finish(Duration timeout) throws Exception {
        for (Future<?> client : running) {
            client.get(timeout.toSeconds(), TimeUnit.SECONDS);
        }
        clients.shutdown();
        return List.copyOf(keys);
    }

    int completed() {
        return keys.size();
    }

    /** Answers the clients retried: 5xx, 429 and connections dropped after the request was sent. */
    int retried() {
        return retried.get();
    }

    String retries() {
        return retried.get() + " answers retried by clients (by status, 0 = connection dropped) " + retriedByStatus;
    }

    private String upload(String filename) {
        byte[] content = (filename + " " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        Gateway.Answer minted = retrying(() -> gateways.call(gateway -> gateway.post("/api/v1/uploads",
                Map.of("filename", filename, "contentType", "text/plain", "size", content.length))));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        JsonNode grant = minted.json();
        ObjectStore.Stored stored = store.put(grant.path("url").asString(), grant.path("headers"),
                new ByteArrayInputStream(content), content.length);
        assertThat(stored.isSuccess()).as("%s %s", stored.status(), stored.body()).isTrue();
        Gateway.Answer completed = retrying(() -> gateways.call(gateway -> gateway.post(
                "/api/v1/uploads/" + grant.path("uploadId").asString() + "/complete")));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        return grant.path("key").asString();
    }

    private Gateway.Answer retrying(Supplier<Gateway.Answer> call) {
        Instant deadline = Instant.now().plus(retryFor);
        while (true) {
            int status;
            Duration pause = Duration.ofMillis(500);
            try {
                Gateway.Answer answer = call.get();
                if (answer.status() < 500 && answer.status() != 429) {
                    return answer;
                }
                status = answer.status();
                if (status == 429) {
                    pause = answer.retryAfter().orElse(pause);
                }
            } catch (UncheckedIOException e) {
                status = 0;
            }
            retried.incrementAndGet();
            retriedByStatus.merge(status, 1, Integer::sum);
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still failing (" + status + ") after " + retryFor.toSeconds() + " s of retries");
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
