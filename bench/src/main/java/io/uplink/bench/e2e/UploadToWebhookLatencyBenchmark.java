package io.uplink.bench.e2e;

import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.Benchmark;
import io.uplink.bench.Comparison;
import io.uplink.bench.Goal;
import io.uplink.bench.Measurement;
import io.uplink.contracts.EventJson;
import io.uplink.localstack.LocalStack;
import io.uplink.localstack.launch.FreePortArguments;
import io.uplink.localstack.launch.LaunchOptions;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole pipeline as a tenant sees it: the time from calling {@code POST /api/v1/uploads/{id}/complete} through
 * the gateway to the verified {@code file.created} webhook arriving at the tenant's backend (credential-service →
 * Kafka → metadata-service → outbox → Debezium → Kafka → callback-service → HTTP). The suite runs exactly as
 * {@code ./uplink-local} starts it (all services as processes, two credential-service instances). The baseline is
 * the upload itself in the same run: mint through the gateway, PUT to storage, complete.
 */
public final class UploadToWebhookLatencyBenchmark implements Benchmark {

    /** Below the demo tenant's default rate limit (50 requests/s): each upload makes two gateway calls. */
    private static final int UPLOADS_PER_SECOND = 15;
    private static final int WARMUP_UPLOADS = 150;
    private static final int MEASURED_UPLOADS = 900;
    private static final Duration WEBHOOK_DEADLINE = Duration.ofSeconds(60);
    private static final Set<String> SET_BY_THE_CLIENT = Set.of("content-length", "host");

    private static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);
    private static final int MAX_ATTEMPTS = 4;

    private final AtomicInteger retries = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public String name() {
        return "e2e-upload-to-webhook";
    }

    @Override
    public String description() {
        return "upload complete (through the gateway) to the verified file.created webhook, whole suite, "
                + UPLOADS_PER_SECOND + " uploads/s; baseline: the upload itself (mint + PUT + complete)";
    }

    @Override
    public Comparison run(BenchEnvironment environment) throws Exception {
        PrintStream log = environment.log();
        Path data = Files.createTempDirectory("uplink-bench-e2e-");
        // services as built (-jar): a class-data archive speeds up start-up only, and the first run after a build
        // would record one while measured
        List<String> arguments = new ArrayList<>(FreePortArguments.forDataDirectory(data));
        arguments.add("--class-data-sharing=off");
        // production's sampling (the local stack samples every trace for developers)
        arguments.add("--trace-sampling=0.1");
        LocalStack suite = LocalStack.prepare(LaunchOptions.parse(arguments.toArray(String[]::new), Map.of()), log);
        try (TimingReceiver receiver = TimingReceiver.start()) {
            suite.start();
            String apiKey = suite.demoTenant().apiKey();
            receiver.trust(createEndpoint(suite.gatewayUrl(), apiKey, receiver.url()));

            log.printf("  warmup: %d uploads at %d/s%n", WARMUP_UPLOADS, UPLOADS_PER_SECOND);
            paced(suite.gatewayUrl(), apiKey, receiver, WARMUP_UPLOADS);
            StageLags stages = new StageLags(urls(suite, "metadata-service"), urls(suite, "callback-service"));
            StageLags.Snapshot beforeMeasuring = stages.read();
            log.printf("  measuring: %d uploads at %d/s%n", MEASURED_UPLOADS, UPLOADS_PER_SECOND);
            List<Sample> samples = paced(suite.gatewayUrl(), apiKey, receiver, MEASURED_UPLOADS);
            String stageLags = stages.read().since(beforeMeasuring);
            log.printf("  where the time goes: %s%n", stageLags);
            if (receiver.rejected() > 0) {
                throw new IllegalStateException(receiver.rejected() + " webhooks failed signature verification");
            }
            log.printf("  %d gateway answers were 502/503/504 and retried%n", retries.get());
            long[] notify = samples.stream().mapToLong(Sample::completeToWebhookNanos).sorted().toArray();
            long[] upload = samples.stream().mapToLong(Sample::uploadNanos).sorted().toArray();
            double p50 = millis(percentile(notify, 0.50));
            double p99 = millis(percentile(notify, 0.99));
            return new Comparison(
                    new Measurement(String.format(Locale.ROOT, "complete → verified webhook, p50 %.1f ms, %,d uploads at %d/s",
                            p50, notify.length, UPLOADS_PER_SECOND), p99, "ms p99"),
                    new Measurement(String.format(Locale.ROOT, "the upload: mint + PUT + complete, p50 %.1f ms, %d retried answers",
                            millis(percentile(upload, 0.50)), retries.get()),
                            millis(percentile(upload, 0.99)), "ms p99"),
                    false,
                    new Goal("complete → webhook p50 ≤ 50 ms and p99 ≤ 150 ms", p50 <= 50 && p99 <= 150),
                    "means of the services' own lag histograms over the measured uploads: " + stageLags);
        } finally {
            suite.stop();
        }
    }

    private static List<String> urls(LocalStack suite, String module) {
        return suite.instancesOf(module).stream().map(suite::serviceUrl).toList();
    }

    private record Sample(long uploadNanos, long completeToWebhookNanos) {
    }

    private record Completed(String key, long startedNanos, long completeSentNanos, long completedNanos) {
    }

    /** Starts uploads at a fixed pace (a late one does not shift the next), then waits for every webhook. */
    private List<Sample> paced(String gateway, String apiKey, TimingReceiver receiver, int count) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(32);
        try {
            List<Future<Completed>> uploads = new ArrayList<>();
            long periodNanos = TimeUnit.SECONDS.toNanos(1) / UPLOADS_PER_SECOND;
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int index = i;
                uploads.add(workers.submit(() -> upload(gateway, apiKey, index)));
            }
            List<Sample> samples = new ArrayList<>();
            long deadline = System.nanoTime() + WEBHOOK_DEADLINE.toNanos();
            for (Future<Completed> future : uploads) {
                Completed done = future.get();
                Long arrived;
                while ((arrived = receiver.arrivalNanos(done.key())) == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no verified file.created webhook for " + done.key()
                                + " within " + WEBHOOK_DEADLINE.toSeconds() + " s of the last upload");
                    }
                    Thread.sleep(5);
                }
                samples.add(new Sample(done.completedNanos() - done.startedNanos(), arrived - done.completeSentNanos()));
            }
            return samples;
        } finally {
            workers.shutdownNow();
        }
    }

    private Completed upload(String gateway, String apiKey, int index) throws IOException, InterruptedException {
        byte[] content = ("uplink e2e benchmark upload " + index + " " + System.nanoTime() + "\n").getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        HttpResponse<String> minted = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/uploads"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"filename\":\"bench-" + index + ".txt\",\"contentType\":\"text/plain\",\"size\":"
                        + content.length + "}")).build(), 201);
        JsonNode credential = EventJson.mapper().readTree(minted.body());
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(credential.path("url").asString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content));
        credential.path("headers").properties().forEach(header -> {
            if (!SET_BY_THE_CLIENT.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                put.header(header.getKey(), header.getValue().asString());
            }
        });
        send(put.build(), 200);
        long completeSent = System.nanoTime();
        send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/uploads/" + credential.path("uploadId").asString() + "/complete"))
                .header("Authorization", "Bearer " + apiKey).POST(HttpRequest.BodyPublishers.noBody()).build(), 200);
        return new Completed(credential.path("key").asString(), started, completeSent, System.nanoTime());
    }

    private String createEndpoint(String gateway, String apiKey, String url) throws IOException, InterruptedException {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/webhooks/endpoints"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.write(Map.of(
                        "url", url, "description", "e2e latency benchmark", "eventTypes", List.of("file.created")))))
                .build(), 201);
        return EventJson.mapper().readTree(created.body()).path("secret").asString();
    }

    /**
     * As a real client does, a 502/503/504 (a saturated machine: the gateway's upstream timeout, a breaker) is
     * retried after a pause; completion is idempotent. Retries are counted and printed, never hidden.
     */
    private HttpResponse<String> send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int attempt = 1; attempt < MAX_ATTEMPTS && RETRYABLE.contains(response.statusCode()); attempt++) {
            retries.incrementAndGet();
            Thread.sleep(200L * attempt);
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != expected && !(expected == 200 && response.statusCode() / 100 == 2)) {
            throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static long percentile(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
