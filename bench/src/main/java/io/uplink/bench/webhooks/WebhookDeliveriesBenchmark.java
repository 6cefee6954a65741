package io.uplink.bench.webhooks;

import io.uplink.bench.cpu.CpuPerOperation;
import io.uplink.bench.cpu.ProcessCpu;
import io.uplink.bench.postgres.StatementTimes;

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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
        // CPU of this JVM (the service, the Kafka broker, the producer, the receiver) and of Postgres, per round;
        // the measured rounds are the last ones of each side
        List<ProcessCpu> processes = new ArrayList<>(List.of(ProcessCpu.thisJvm("this JVM")));
        ProcessCpu.postgresOn(environment.postgres().port()).ifPresent(processes::add);
        Deque<RoundCpu> serviceRounds = new ArrayDeque<>();
        Deque<RoundCpu> directRounds = new ArrayDeque<>();
        try (KafkaProducer<byte[], byte[]> producer = SampleFileEvents.producer(environment.kafka().bootstrapServers());
             DirectPoster direct = new DirectPoster(concurrency);
             FanOutProgress fanOut = new FanOutProgress(environment.postgres())) {
            StatementTimes statements = StatementTimes.startingNow(environment.postgres());
            long[] sequence = {0};
            double[] rates = Interleaved.throughputOnceJitQuiet(
                    () -> {
                        long expected = receiver.received() + deliveriesPerRound;
                        long start = System.nanoTime();
                        Instant began = Instant.now();
                        CpuPerOperation cpu = new CpuPerOperation(processes);
                        CpuPerOperation.Phase round = cpu.begin();
                        for (int i = 0; i < eventsPerRound; i++) {
                            FileEvent event = SampleFileEvents.created(tenant, "file-" + sequence[0]++);
                            producer.send(SampleFileEvents.record(event));
                        }
                        producer.flush();
                        awaitReceived(receiver, expected);
                        long received = System.nanoTime();
                        round.end(deliveriesPerRound);
                        Instant stored = fanOut.lastStoredOf(tenant);
                        double storedAfter = Duration.between(began, stored).toNanos() / 1e9;
                        double receivedAfter = (received - start) / 1e9;
                        keepLast(serviceRounds, new RoundCpu(cpu, storedAfter / receivedAfter));
                        // wall-clock bounds too, to cut a flight recording down to the figure's rounds
                        environment.log().printf("    %,d endpoint(s): all deliveries stored after %.2f s, all received after %.2f s;"
                                        + " CPU per delivery: %s (%s → %s)%n",
                                endpointCount, storedAfter, receivedAfter, cpu, began, Instant.now());
                        return deliveriesPerRound;
                    },
                    () -> {
                        CpuPerOperation cpu = new CpuPerOperation(processes);
                        CpuPerOperation.Phase round = cpu.begin();
                        long posted = direct.drive(targets, body, deliveriesPerRound, concurrency);
                        round.end(posted);
                        keepLast(directRounds, new RoundCpu(cpu, 0));
                        return posted;
                    },
                    MIN_WARMUP_ROUNDS, MAX_WARMUP_ROUNDS, JIT_QUIET_SHARE, MEASURED_ROUNDS, environment.log());
            statements.print(environment.log(), sequence[0] * endpointCount, "delivery");
            if (receiver.verifiedSignatures() == verifiedBefore) {
                throw new AssertionError("no signature was sampled");
            }
            Comparison comparison = new Comparison(
                    new Measurement("callback-service via Kafka, " + eventsPerRound + " events × " + endpointCount, rates[0], "deliveries/s"),
                    new Measurement("direct Reactor Netty POSTs, " + concurrency + " in flight", rates[1], "deliveries/s"),
                    true);
            return comparison.withGoal(Goal.ratioAtLeast(0.60, comparison))
                    .whereTheTimeGoes(whereTheTimeGoes(serviceRounds, rates[0], directRounds, rates[1]));
        }
    }

    /** One round's CPU per delivery by process, and when in the round the fan-out had stored its last delivery. */
    private record RoundCpu(CpuPerOperation cpu, double fanOutDoneShare) {
    }

    private static void keepLast(Deque<RoundCpu> rounds, RoundCpu round) {
        rounds.addLast(round);
        if (rounds.size() > MEASURED_ROUNDS) {
            rounds.removeFirst();
        }
    }

    /** The median measured round of each side (by CPU per delivery), and how far into it the fan-out finished. */
    private static String whereTheTimeGoes(Deque<RoundCpu> service, double serviceRate, Deque<RoundCpu> direct,
                                            double directRate) {
        RoundCpu serviceMedian = medianByTotal(service);
        return CpuPerOperation.budget(serviceMedian.cpu(), serviceRate, medianByTotal(direct).cpu(), directRate, 0.60,
                "Postgres")
                + String.format("; the fan-out had stored the round's last delivery %.0f %% into the round",
                serviceMedian.fanOutDoneShare() * 100);
    }

    private static RoundCpu medianByTotal(Deque<RoundCpu> rounds) {
        List<RoundCpu> sorted = rounds.stream()
                .sorted(java.util.Comparator.comparingDouble(round -> round.cpu().totalMillisPerOperation())).toList();
        return sorted.get(sorted.size() / 2);
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
