package io.uplink.bench.webhooks;

import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.Benchmark;
import io.uplink.bench.Comparison;
import io.uplink.bench.Goal;
import io.uplink.bench.Interleaved;
import io.uplink.bench.Measurement;
import io.uplink.callback.fanout.WebhookPayload;
import io.uplink.contracts.FileEvent;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Webhook deliveries per second through callback-service as it runs in production: FileEvents produced to
 * uplink.files.events, fanned out by the service's consumer into messages and pending deliveries, claimed by its
 * delivery worker, signed and posted to a fast local receiver, outcomes recorded. A round counts from the first
 * event produced to the last webhook received. With 1, 10 and 1,000 endpoints of one tenant, so an event fans out
 * to that many deliveries. Baseline, interleaved in the same run: the same receiver and endpoints driven directly
 * by the same kind of HTTP client at the service's concurrency (256 in flight).
 */
public final class WebhookDeliveriesBenchmark implements Benchmark {

    static final int[] ENDPOINT_COUNTS = {1, 10, 1_000};
    /** Optional comma-separated subset of {@link #ENDPOINT_COUNTS} to run, e.g. {@code 1} while profiling. */
    static final String ENDPOINT_COUNTS_ENV = "UPLINK_BENCH_WEBHOOK_ENDPOINTS";
    private static final int DELIVERIES_PER_ROUND = 6_000;
    private static final int CONCURRENCY = 256;
    /* Warm-up until the JIT is quiet (Interleaved.throughputOnceJitQuiet): 60–77 pairs for the first case. */
    private static final int MIN_WARMUP_ROUNDS = 5;
    private static final int MAX_WARMUP_ROUNDS = 120;
    private static final double JIT_QUIET_SHARE = 0.15;
    private static final int MEASURED_ROUNDS = 5;
    private static final long ROUND_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(90);

    @Override
    public String name() {
        return "webhook-deliveries";
    }

    @Override
    public String description() {
        return "callback-service deliveries/s (Kafka → fan-out → claim → signed POST → record) to a fast local "
                + "receiver, 1/10/1,000 endpoints, vs direct posts to the same receiver";
    }

    @Override
    public Comparison run(BenchEnvironment environment) throws Exception {
        return measure(environment, ENDPOINT_COUNTS[0]);
    }

    @Override
    public List<Case> runCases(BenchEnvironment environment) throws Exception {
        List<Case> cases = new ArrayList<>();
        for (int endpoints : selectedEndpointCounts()) {
            cases.add(new Case(name() + " (" + String.format("%,d", endpoints) + (endpoints == 1 ? " endpoint)" : " endpoints)"),
                    measure(environment, endpoints)));
        }
        return cases;
    }

    private static int[] selectedEndpointCounts() {
        String selected = System.getenv(ENDPOINT_COUNTS_ENV);
        if (selected == null || selected.isBlank()) {
            return ENDPOINT_COUNTS;
        }
        return Arrays.stream(selected.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private Comparison measure(BenchEnvironment environment, int endpointCount) throws Exception {
        InProcessCallbackService service = InProcessCallbackService.in(environment);
        FastReceiver receiver = environment.shared(FastReceiver.class, FastReceiver::new);
        String tenant = "bench-" + endpointCount + "-" + UUID.randomUUID().toString().substring(0, 8);
        List<DirectPoster.Target> targets = new ArrayList<>();
        for (int i = 0; i < endpointCount; i++) {
            String path = "/hooks/" + tenant + "/" + i;
            String secret = service.createEndpoint(tenant, receiver.url(path)).secret();
            receiver.trust(path, secret);
            targets.add(new DirectPoster.Target(receiver.url(path), FastReceiver.keyOf(secret)));
        }
        int eventsPerRound = DELIVERIES_PER_ROUND / endpointCount;
        // the direct client may have as many in flight as the service may: its own limit, or its endpoints' limits
        int concurrency = (int) Math.min(CONCURRENCY,
                (long) endpointCount * InProcessCallbackService.perEndpointConcurrency());
        int deliveriesPerRound = eventsPerRound * endpointCount;
        byte[] body = WebhookPayload.of(SampleFileEvents.created(tenant, "file-direct")).toJson()
                .getBytes(StandardCharsets.UTF_8);
        long verifiedBefore = receiver.verifiedSignatures();
        ProcessCpu cpu = new ProcessCpu(environment.postgres());
        try (KafkaProducer<byte[], byte[]> producer = SampleFileEvents.producer(environment.kafka().bootstrapServers());
             DirectPoster direct = new DirectPoster(concurrency);
             FanOutProgress fanOut = new FanOutProgress(environment.postgres())) {
            long[] sequence = {0};
            double[] rates = Interleaved.throughputOnceJitQuiet(
                    () -> {
                        long expected = receiver.received() + deliveriesPerRound;
                        long start = System.nanoTime();
                        Instant began = Instant.now();
                        long[] cpuBefore = cpu.nanos();
                        for (int i = 0; i < eventsPerRound; i++) {
                            FileEvent event = SampleFileEvents.created(tenant, "file-" + sequence[0]++);
                            producer.send(SampleFileEvents.record(event));
                        }
                        producer.flush();
                        awaitReceived(receiver, expected);
                        long received = System.nanoTime();
                        long[] cpuAfter = cpu.nanos();
                        Instant stored = fanOut.lastStoredOf(tenant);
                        // wall-clock bounds too, to cut a flight recording down to the figure's rounds
                        environment.log().printf("    %,d endpoint(s): all deliveries stored after %.2f s, all received after %.2f s;"
                                        + " CPU used meanwhile: this JVM %.2f s, Postgres %.2f s (%s → %s)%n",
                                endpointCount, Duration.between(began, stored).toNanos() / 1e9, (received - start) / 1e9,
                                (cpuAfter[0] - cpuBefore[0]) / 1e9, (cpuAfter[1] - cpuBefore[1]) / 1e9, began, Instant.now());
                        return deliveriesPerRound;
                    },
                    () -> direct.drive(targets, body, deliveriesPerRound, concurrency),
                    MIN_WARMUP_ROUNDS, MAX_WARMUP_ROUNDS, JIT_QUIET_SHARE, MEASURED_ROUNDS, environment.log());
            if (receiver.verifiedSignatures() == verifiedBefore) {
                throw new AssertionError("no signature was sampled");
            }
            Comparison comparison = new Comparison(
                    new Measurement("callback-service via Kafka, " + eventsPerRound + " events × " + endpointCount, rates[0], "deliveries/s"),
                    new Measurement("direct Reactor Netty POSTs, " + concurrency + " in flight", rates[1], "deliveries/s"),
                    true);
            return comparison.withGoal(Goal.ratioAtLeast(0.60, comparison));
        }
    }

    private static void awaitReceived(FastReceiver receiver, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + ROUND_TIMEOUT_NANOS;
        while (receiver.received() < expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("webhooks still missing after 90 s: " + (expected - receiver.received()));
            }
            Thread.sleep(1);
        }
    }
}
