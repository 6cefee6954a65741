package io.uplink.bench.webhooks;

import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.Benchmark;
import io.uplink.bench.Comparison;
import io.uplink.bench.Measurement;
import io.uplink.callback.fanout.WebhookPayload;
import io.uplink.contracts.FileEvent;
import org.apache.kafka.clients.producer.KafkaProducer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * End-to-end webhook latency at a steady {@value #RATE_PER_SECOND} events/s: from handing a FileEvent record to
 * the Kafka producer to the receiver getting its webhook (same JVM, same clock), one endpoint. Baseline in the same
 * run, alternating rounds: the same receiver's latency for a direct signed POST sent at the same rate by the same
 * kind of client. Percentiles over all measured rounds of each side.
 */
public final class WebhookLatencyBenchmark implements Benchmark {

    static final int RATE_PER_SECOND = 1_000;
    private static final int WARMUP_EVENTS = 1_000;
    private static final int EVENTS_PER_ROUND = 3_000;
    private static final int MEASURED_ROUNDS = 3;
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Override
    public String name() {
        return "webhook-latency";
    }

    @Override
    public String description() {
        return "uplink.files.events record → webhook received, p50/p99 at 1,000 events/s, vs a direct POST to the same receiver";
    }

    @Override
    public Comparison run(BenchEnvironment environment) throws Exception {
        InProcessCallbackService service = InProcessCallbackService.in(environment);
        FastReceiver receiver = environment.shared(FastReceiver.class, FastReceiver::new);
        String tenant = "bench-latency-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/hooks/" + tenant;
        String secret = service.createEndpoint(tenant, receiver.url(path)).secret();
        receiver.trust(path, secret);
        DirectPoster.Target target = new DirectPoster.Target(receiver.url(path), FastReceiver.keyOf(secret));

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        receiver.observe((body, arrived) -> {
            Long sent = sentAt.remove(fileIdOf(body));
            if (sent != null) {
                latencies.add(arrived - sent);
            }
        });
        try (KafkaProducer<byte[], byte[]> producer = SampleFileEvents.producer(environment.kafka().bootstrapServers());
             DirectPoster direct = new DirectPoster(256)) {
            Round viaService = (round, events) -> paced(round, events, sentAt, latencies, event ->
                    producer.send(SampleFileEvents.record(event)), tenant);
            Round viaDirectPost = (round, events) -> paced(round, events, sentAt, latencies, event ->
                    direct.post(target, WebhookPayload.of(event).toJson().getBytes(StandardCharsets.UTF_8)).subscribe(), tenant);
            viaService.run("warmup-service", WARMUP_EVENTS);
            viaDirectPost.run("warmup-direct", WARMUP_EVENTS);
            long[][] serviceRounds = new long[MEASURED_ROUNDS][];
            long[][] directRounds = new long[MEASURED_ROUNDS][];
            for (int i = 0; i < MEASURED_ROUNDS; i++) {
                serviceRounds[i] = viaService.run("service-" + i, EVENTS_PER_ROUND);
                directRounds[i] = viaDirectPost.run("direct-" + i, EVENTS_PER_ROUND);
            }
            receiver.verifiedSignatures();
            long[] service99 = pooled(serviceRounds);
            long[] direct99 = pooled(directRounds);
            return new Comparison(
                    new Measurement(String.format("via Kafka + callback-service, p50 %.1f ms, %,d events at %,d/s",
                            millis(percentile(service99, 0.50)), service99.length, RATE_PER_SECOND),
                            millis(percentile(service99, 0.99)), "ms p99"),
                    new Measurement(String.format("direct POST, p50 %.1f ms, %,d requests at %,d/s",
                            millis(percentile(direct99, 0.50)), direct99.length, RATE_PER_SECOND),
                            millis(percentile(direct99, 0.99)), "ms p99"),
                    false).whereTheTimeGoes(String.format("the service adds %.1f ms at p50 and %.1f ms at p99 to a direct"
                            + " POST: the Kafka hop, the fan-out's insert, the hand-over to the delivery worker, signing",
                    millis(percentile(service99, 0.50)) - millis(percentile(direct99, 0.50)),
                    millis(percentile(service99, 0.99)) - millis(percentile(direct99, 0.99))));
        } finally {
            receiver.observe((body, arrived) -> {
            });
        }
    }

    @FunctionalInterface
    private interface Round {
        long[] run(String round, int events) throws InterruptedException;
    }

    /** Sends one event per 1/rate s, stamping each just before it is handed over, and waits for every arrival. */
    private static long[] paced(String round, int events, Map<String, Long> sentAt, ConcurrentLinkedQueue<Long> latencies,
                                Consumer<FileEvent> send, String tenant) throws InterruptedException {
        latencies.clear();
        long interval = TimeUnit.SECONDS.toNanos(1) / RATE_PER_SECOND;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            FileEvent event = SampleFileEvents.created(tenant, "file-" + round + "-" + i);
            sentAt.put(event.data().fileId(), System.nanoTime());
            send.accept(event);
        }
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (latencies.size() < events) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(round + ": only " + latencies.size() + " of " + events + " webhooks arrived");
            }
            Thread.sleep(5);
        }
        return latencies.stream().mapToLong(Long::longValue).toArray();
    }

    private static String fileIdOf(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8);
        int start = json.indexOf("\"fileId\":\"");
        if (start < 0) {
            return "";
        }
        start += "\"fileId\":\"".length();
        return json.substring(start, json.indexOf('"', start));
    }

    private static long[] pooled(long[][] rounds) {
        long[] all = Arrays.stream(rounds).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static long percentile(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

}
