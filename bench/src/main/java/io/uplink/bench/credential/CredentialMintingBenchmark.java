package io.uplink.bench.credential;

import io.uplink.bench.cpu.CpuPerOperation;
import io.uplink.bench.cpu.ProcessCpu;

import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.Benchmark;
import io.uplink.bench.Comparison;
import io.uplink.bench.Goal;
import io.uplink.bench.Measurement;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.SharedInfrastructure;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Minting presigned-PUT credentials ({@code POST /api/v1/uploads}: identity check, tenant settings, policy, a session
 * row in Postgres, SigV4 presign) on one credential-service instance, beside its liveness probe answered by the same
 * instance in the same run, each at 64 concurrent closed-loop clients. Phases alternate (probe, mint, probe, mint…)
 * so drift hits both; the figure is the median phase. Target: ≥ 70 % of the probe's rate, p99 < 10 ms.
 */
public final class CredentialMintingBenchmark implements Benchmark {

    private static final int CLIENTS = 64;
    private static final int TENANTS = 16;
    /*
     * Code that runs once per request reaches C2 only after thousands of invocations, and a time-based warm-up
     * (6 s per endpoint, ~5,000 mints) left both endpoints measured while C1/C2 were still compiling them (the
     * compiler threads took ~28 % of the service's CPU during the measured phases, charged to whichever phase they
     * fell in). Each endpoint is warmed up by the same number of requests instead, in
     * alternating chunks like the measured phases: code both endpoints run (Tomcat, Spring MVC, Micrometer) compiled
     * for one endpoint's profile alone was recompiled during the first measured phases of the other.
     */
    static final String WARMUP_REQUESTS_ENV = "UPLINK_BENCH_CREDENTIAL_WARMUP_REQUESTS";
    private static final long DEFAULT_WARMUP_REQUESTS = 80_000;
    private static final int WARMUP_CHUNKS = 4;
    private static final Duration PHASE = Duration.ofSeconds(5);
    private static final int ROUNDS = 3;

    @Override
    public String name() {
        return "credential-minting";
    }

    @Override
    public String description() {
        return "POST /api/v1/uploads (PUT) vs /actuator/health/liveness on one credential-service, 64 clients";
    }

    @Override
    public Comparison run(BenchEnvironment environment) throws Exception {
        System.out.println("starting embedded Postgres, Kafka, S3Proxy and a credential-service process…");
        try (CredentialServiceProcess service = CredentialServiceProcess.start(SharedInfrastructure.postgres(),
                SharedInfrastructure.kafka(), SharedInfrastructure.s3())) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ConcurrentLoad load = new ConcurrentLoad(http, CLIENTS);
            List<String> assertions = new ArrayList<>();
            IdentityAssertionSigner codec = TestIdentityKeys.gateway();
            for (int t = 0; t < TENANTS; t++) {
                assertions.add(codec.sign(new IdentityAssertion(codec.issuer(), IdentityAssertion.AUDIENCE_CREDENTIAL,
                        "bench-tenant-" + t, "key_bench", List.of(IdentityAssertion.ROLE_TENANT),
                        Instant.now().plusSeconds(600))));
            }
            HttpRequest probe = HttpRequest.newBuilder(service.base.resolve("/actuator/health/liveness")).GET().build();
            java.util.function.IntFunction<HttpRequest> mint = client -> HttpRequest
                    .newBuilder(service.base.resolve("/api/v1/uploads"))
                    .header(IdentityAssertion.HEADER, assertions.get(client % TENANTS))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"filename\":\"photo " + client + ".jpg\",\"contentType\":\"image/jpeg\",\"size\":1048576,\"method\":\"PUT\"}"))
                    .build();

            long warmupRequests = warmupRequests();
            long chunk = Math.max(1, warmupRequests / WARMUP_CHUNKS);
            for (int i = 0; i < WARMUP_CHUNKS; i++) {
                warmUp("liveness", () -> load.runRequests(c -> probe, 200, chunk), chunk);
                warmUp("minting", () -> load.runRequests(mint, 201, chunk), chunk);
            }
            List<ConcurrentLoad.Result> probes = new ArrayList<>();
            List<ConcurrentLoad.Result> mints = new ArrayList<>();
            // CPU per answered request by process: the service, the run's Postgres (a mint's session row) and this
            // JVM (the 64 clients; Kafka and S3Proxy idle). All three share the machine's cores.
            List<ProcessCpu> processes = new ArrayList<>(List.of(service.cpu()));
            ProcessCpu.postgresOn(SharedInfrastructure.postgres().port()).ifPresent(processes::add);
            processes.add(ProcessCpu.thisJvm("this JVM (clients)"));
            CpuPerOperation probeCpu = new CpuPerOperation(processes);
            CpuPerOperation mintCpu = new CpuPerOperation(processes);
            for (int round = 0; round < ROUNDS; round++) {
                probes.add(measureCpu(probeCpu, () -> load.run(c -> probe, 200, PHASE)));
                mints.add(measureCpu(mintCpu, () -> load.run(mint, 201, PHASE)));
            }
            ConcurrentLoad.Result probeResult = median(probes);
            ConcurrentLoad.Result mintResult = median(mints);
            System.out.printf("  liveness: %,.0f req/s, p50 %.2f ms, p99 %.2f ms, %d failures%n",
                    probeResult.rate(), probeResult.p50Millis(), probeResult.p99Millis(), probeResult.failures());
            System.out.printf("  minting:  %,.0f req/s, p50 %.2f ms, p99 %.2f ms, %d failures%n",
                    mintResult.rate(), mintResult.p50Millis(), mintResult.p99Millis(), mintResult.failures());
            System.out.println("  CPU per request, minting: " + mintCpu + "; liveness: " + probeCpu);
            if (mintResult.failures() > 0 || probeResult.failures() > 0) {
                throw new IllegalStateException("requests failed during the run");
            }
            Comparison comparison = new Comparison(
                    new Measurement("POST /api/v1/uploads, p99 " + String.format("%.1f ms", mintResult.p99Millis()),
                            mintResult.rate(), "req/s"),
                    new Measurement("liveness probe, p99 " + String.format("%.1f ms", probeResult.p99Millis()),
                            probeResult.rate(), "req/s"),
                    true);
            return comparison.withGoal(Goal.ratioAtLeast(0.80, comparison)).whereTheTimeGoes(
                    CpuPerOperation.budget(mintCpu, mintResult.rate(), probeCpu, probeResult.rate(), 0.80, "Postgres"));
        }
    }

    private interface Phase {
        ConcurrentLoad.Result run() throws Exception;
    }

    /** Runs the phase and adds its CPU, by process, and its answered requests to {@code cpu}. */
    private static ConcurrentLoad.Result measureCpu(CpuPerOperation cpu, Phase phase) throws Exception {
        CpuPerOperation.Phase measured = cpu.begin();
        ConcurrentLoad.Result result = phase.run();
        measured.end(result.requests());
        return result;
    }

    private static void warmUp(String side, Phase phase, long requests) throws Exception {
        long start = System.nanoTime();
        ConcurrentLoad.Result result = phase.run();
        System.out.printf("  warm-up %s: %,d requests in %.1f s (%,.0f req/s, %d failures)%n", side, requests,
                (System.nanoTime() - start) / 1e9, result.rate(), result.failures());
    }

    private static long warmupRequests() {
        String configured = System.getenv(WARMUP_REQUESTS_ENV);
        return configured == null || configured.isBlank() ? DEFAULT_WARMUP_REQUESTS : Long.parseLong(configured.trim());
    }

    private static ConcurrentLoad.Result median(List<ConcurrentLoad.Result> results) {
        return results.stream().sorted(java.util.Comparator.comparingDouble(ConcurrentLoad.Result::rate))
                .toList().get(results.size() / 2);
    }
}
