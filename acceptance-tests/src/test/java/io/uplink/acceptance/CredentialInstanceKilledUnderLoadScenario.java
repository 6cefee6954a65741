package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}): one of the two credential-service instances is killed (SIGKILL) while
 * four clients upload through the gateway. Clients retry what the AWS SDKs' standard retry mode retries (any 5xx, a
 * dropped connection); every upload must still complete and end as exactly one row and one accepted webhook. The
 * ledger notes which statuses the clients saw: a request cut off by the kill should be a 502, and the gateway answered
 * 500 when this scenario was written.
 */
class CredentialInstanceKilledUnderLoadScenario {

    private static final int CLIENTS = 4;
    private static final int UPLOADS_PER_CLIENT = 15;
    private static final int KILL_AFTER = 15;
    private static final String VICTIM = "credential-2";
    private static final Duration RETRY_FOR = Duration.ofSeconds(60);

    private static LocalStack suite;
    private static PlatformAdmin admin;
    private static TenantBackend tenant;

    private final ObjectStore store = new ObjectStore();
    private final AtomicInteger retriedAnswers = new AtomicInteger();
    private final Map<Integer, Integer> retriedByStatus = new ConcurrentHashMap<>();

    @BeforeAll
    static void onboardATenant() {
        suite = RunningSuite.get();
        admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        tenant = TenantBackend.onboard(suite.gatewayUrl(), admin, "busy");
    }

    @AfterAll
    static void bringTheInstanceBack() {
        if (tenant != null) {
            tenant.close();
        }
        // Leave the suite whole for whatever runs next in this JVM.
        suite.restart(VICTIM);
    }

    @Test
    void everyUploadCompletesAndIsAnnouncedOnceWhenACredentialInstanceIsKilledUnderLoad() throws Exception {
        CountDownLatch enoughDone = new CountDownLatch(KILL_AFTER);
        List<String> keys = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        Instant began = Instant.now();
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int clientNumber = client;
            running.add(clients.submit(() -> {
                for (int i = 0; i < UPLOADS_PER_CLIENT; i++) {
                    keys.add(upload("client-" + clientNumber + "-upload-" + i + ".txt"));
                    enoughDone.countDown();
                }
                return null;
            }));
        }
        assertThat(enoughDone.await(3, TimeUnit.MINUTES)).as("%d uploads before the kill", KILL_AFTER).isTrue();
        suite.kill(VICTIM);
        Instant killedAt = Instant.now();
        for (Future<?> client : running) {
            client.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        Duration uploading = Duration.between(began, Instant.now());

        Set<String> wanted = new HashSet<>(keys);
        Eventually.await("a verified webhook for each upload", Announcements.PIPELINE, () -> {
            Set<String> announced = new HashSet<>();
            tenant.webhooks().forEach(delivery -> announced.add(TenantBackend.dataOf(delivery).path("key").asString()));
            return announced.containsAll(wanted) ? Optional.of(true) : Optional.empty();
        });

        Ledger ledger = Ledger.account("one credential-service instance killed under gateway load", List.copyOf(keys),
                admin.filesOf(tenant.tenantId(), tenant.keyPrefix()), tenant.webhooks(), String.format(
                        "%d clients, %s SIGKILLed after %d uploads (%d s in); %d answers retried by clients (by status, 0 = connection dropped) %s; uploads took %d s",
                        CLIENTS, VICTIM, KILL_AFTER, Duration.between(began, killedAt).toSeconds(), retriedAnswers.get(),
                        retriedByStatus, uploading.toSeconds()));
        Ledger.keep(ledger);

        assertThat(ledger.eventsIn()).isEqualTo(CLIENTS * UPLOADS_PER_CLIENT);
        assertThat(ledger.lost()).as("lost").isZero();
        assertThat(ledger.duplicates()).as("duplicates other than same-id redeliveries").isZero();
        assertThat(ledger.rowsOut()).isEqualTo(ledger.eventsIn());
        assertThat(ledger.webhooksDelivered()).isEqualTo(ledger.eventsIn());
    }

    /**
     * Mint, PUT to the store, complete: the whole upload of one small file, retrying where a client would. A retried
     * mint is a new upload (the abandoned session simply expires); a retried completion is idempotent.
     */
    private String upload(String filename) {
        byte[] content = (filename + " " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        Gateway.Answer minted = retrying(() -> tenant.gateway().post("/api/v1/uploads",
                Map.of("filename", filename, "contentType", "text/plain", "size", content.length)));
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        JsonNode grant = minted.json();
        ObjectStore.Stored stored = store.put(grant.path("url").asString(), grant.path("headers"),
                new ByteArrayInputStream(content), content.length);
        assertThat(stored.isSuccess()).as("%s %s", stored.status(), stored.body()).isTrue();
        Gateway.Answer completed = retrying(() -> tenant.gateway().post(
                "/api/v1/uploads/" + grant.path("uploadId").asString() + "/complete"));
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        return grant.path("key").asString();
    }

    private Gateway.Answer retrying(Supplier<Gateway.Answer> call) {
        Instant deadline = Instant.now().plus(RETRY_FOR);
        while (true) {
            int status;
            try {
                Gateway.Answer answer = call.get();
                if (answer.status() < 500) {
                    return answer;
                }
                status = answer.status();
            } catch (UncheckedIOException e) {
                status = 0;
            }
            retriedAnswers.incrementAndGet();
            retriedByStatus.merge(status, 1, Integer::sum);
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("still failing (" + status + ") after " + RETRY_FOR.toSeconds() + " s of retries");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
    }
}
