package io.uplink.bench.metadata;

import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.Benchmark;
import io.uplink.bench.Comparison;
import io.uplink.bench.Goal;
import io.uplink.bench.Measurement;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.testsupport.identity.TestIdentityKeys;
import io.uplink.testsupport.PostgresEndpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * p50/p99 of {@code GET /api/v1/files} (page of 100; tenant + content type + size range + created range) through the
 * real metadata-service HTTP API with a signed {@code X-Uplink-Identity}, on a table of N files of several tenants
 * bulk-loaded with COPY, beside {@code GET /actuator/health/liveness} of the same server, interleaved request by
 * request: the baseline is the HTTP round trip itself (client, Tomcat, filters), so the difference is what the query,
 * its mapping and the JSON page cost. N: {@code UPLINK_BENCH_LIST_FILES} (default 1,000,000).
 */
public final class MetadataListBenchmark implements Benchmark {

    private static final long DEFAULT_FILES = 1_000_000;
    private static final int TENANTS = 10;
    private static final List<String> CONTENT_TYPES = List.of("image/png", "image/jpeg", "application/pdf",
            "video/mp4", "text/plain");
    private static final Instant START = Instant.parse("2025-11-25T00:00:00Z");
    private static final long YEAR_MILLIS = Duration.ofDays(365).toMillis();
    private static final long MAX_SIZE = 10_000_000;
    private static final int WARMUP = 300;
    private static final int MEASURED = 1_000;

    @Override
    public String name() {
        return "metadata-list";
    }

    @Override
    public String description() {
        return "GET /api/v1/files page of 100 with tenant/content type/size/created filters on N files vs"
                + " /actuator/health/liveness (N = UPLINK_BENCH_LIST_FILES, default 1,000,000)";
    }

    @Override
    public Comparison run(BenchEnvironment environment) throws Exception {
        long files = Long.parseLong(System.getenv().getOrDefault("UPLINK_BENCH_LIST_FILES", String.valueOf(DEFAULT_FILES)));
        PostgresEndpoint database = BenchDatabases.fresh(environment.postgres(), "bench_list");
        try (RunningMetadataService service = RunningMetadataService.start(database, environment.kafka(), "bench-list");
             Connection connection = BenchDatabases.connect(database)) {
            load(connection, files);
            String queryTime = explain(connection);

            IdentityAssertionSigner codec = TestIdentityKeys.gateway();
            String[] identities = new String[TENANTS];
            for (int t = 0; t < TENANTS; t++) {
                identities[t] = codec.sign(new IdentityAssertion(codec.issuer(), IdentityAssertion.AUDIENCE_METADATA, tenant(t),
                        "bench", List.of(IdentityAssertion.ROLE_TENANT), Instant.now().plus(Duration.ofHours(1))));
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + service.port();
            HttpRequest liveness = HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).GET().build();
            SplittableRandom random = new SplittableRandom(42);
            long[] listNanos = new long[MEASURED];
            long[] livenessNanos = new long[MEASURED];
            long pageRows = 0;
            for (int i = -WARMUP; i < MEASURED; i++) {
                int t = random.nextInt(TENANTS);
                HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/api/v1/files?" + filters(random)))
                        .header(IdentityAssertion.HEADER, identities[t]).GET().build();
                long listTime = timed(http, list);
                long livenessTime = timed(http, liveness);
                if (i >= 0) {
                    listNanos[i] = listTime;
                    livenessNanos[i] = livenessTime;
                }
            }
            HttpResponse<String> sample = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/files?" + filters(random)))
                    .header(IdentityAssertion.HEADER, identities[0]).GET().build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("  sample page: %,d bytes of JSON%n", sample.body().length());
            Arrays.sort(listNanos);
            Arrays.sort(livenessNanos);
            Comparison comparison = new Comparison(
                    new Measurement(String.format("files page of 100, %,d files, p50 %.2f ms", files,
                            percentile(listNanos, 0.50)), percentile(listNanos, 0.99), "ms p99"),
                    new Measurement(String.format("liveness, p50 %.2f ms", percentile(livenessNanos, 0.50)),
                            percentile(livenessNanos, 0.99), "ms p99"),
                    false);
            return comparison.withGoal(Goal.ratioAtMost(1.5, comparison)).whereTheTimeGoes(String.format(
                    "a page costs %.2f ms more than a probe at p50 (the page query itself: %s); beyond the median,"
                            + " p99 / p50 is %.1f for pages and %.1f for the probe of the same server, one client",
                    percentile(listNanos, 0.50) - percentile(livenessNanos, 0.50), queryTime,
                    percentile(listNanos, 0.99) / percentile(listNanos, 0.50),
                    percentile(livenessNanos, 0.99) / percentile(livenessNanos, 0.50)));
        } finally {
            try (Connection connection = BenchDatabases.connect(environment.postgres());
                 Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists bench_list with (force)");
            }
        }
    }

    private static long timed(HttpClient http, HttpRequest request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new AssertionError(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return elapsed;
    }

    /** A 60-day created window somewhere in the year, one content type, sizes between 1 kB and 5 MB. */
    private static String filters(SplittableRandom random) {
        Instant from = START.plusMillis(random.nextLong(YEAR_MILLIS - Duration.ofDays(60).toMillis()));
        return "contentType=" + CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())).replace("/", "%2F")
                + "&minSize=1000&maxSize=5000000&createdFrom=" + from + "&createdTo=" + from.plus(Duration.ofDays(60))
                + "&limit=100";
    }

    private static double percentile(long[] sortedNanos, double quantile) {
        int index = (int) Math.ceil(quantile * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, index)] / 1e6;
    }

    private static String tenant(long index) {
        return "list-t" + index;
    }

    private static void load(Connection connection, long files) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (int t = 0; t < TENANTS; t++) {
                statement.execute("insert into metadata.tenants (id, name) values ('" + tenant(t) + "', 'List " + t + "')");
            }
        }
        long start = System.nanoTime();
        FileRowsCopy.copy(connection, files, index -> {
            SplittableRandom random = new SplittableRandom(index * 0x9E3779B97F4A7C15L);
            String tenant = tenant(index % TENANTS);
            return new FileRowsCopy.FileRow(tenant, StorageEventSamples.BUCKET,
                    "tenants/" + tenant + "/list/" + index + ".bin", random.nextLong(MAX_SIZE),
                    CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())), Long.toHexString(random.nextLong()),
                    "file-" + index + ".bin", "{\"project\":\"apollo\"}", String.format("%032X", index),
                    START.plusMillis(random.nextLong(YEAR_MILLIS)));
        });
        try (Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze metadata.files");
        }
        System.out.printf("  loaded %,d files (%d tenants) with COPY + VACUUM ANALYZE in %.1f s%n", files, TENANTS,
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * The statement FileRepository.search builds for these filters, with the plans Postgres picks for it: the custom
     * plan of a one-off execution, and the generic plan a server-side prepared statement (pgjdbc prepares after five
     * executions) may switch to. Returns both plans' execution times.
     */
    private static String explain(Connection connection) throws Exception {
        List<String> executionTimes = new java.util.ArrayList<>();
        Instant from = START.plus(Duration.ofDays(100));
        String arguments = "'" + tenant(3) + "', 'application/pdf', 1000, 5000000, '" + from + "', '"
                + from.plus(Duration.ofDays(60)) + "', 101";
        try (Statement statement = connection.createStatement()) {
            statement.execute("prepare page(text, text, bigint, bigint, timestamptz, timestamptz, int) as select id,"
                    + " tenant_id, bucket, object_key, size, content_type, etag, checksum_sha256, version_id,"
                    + " original_filename, user_metadata::text as user_metadata, status, created_at, updated_at,"
                    + " deleted_at from metadata.files where true and tenant_id = $1 and content_type = $2 and size >= $3"
                    + " and size <= $4 and created_at >= $5 and created_at < $6 order by created_at desc, id desc limit $7");
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                statement.execute("set plan_cache_mode = " + mode);
                System.out.println("  EXPLAIN ANALYZE of the page query (" + mode + "):");
                try (ResultSet plan = statement.executeQuery("explain (analyze, buffers) execute page(" + arguments + ")")) {
                    while (plan.next()) {
                        String line = plan.getString(1);
                        System.out.println("    " + line);
                        if (line.startsWith("Execution Time:")) {
                            executionTimes.add(mode.replace("force_", "").replace('_', ' ') + " "
                                    + line.substring("Execution Time:".length()).trim());
                        }
                    }
                }
            }
            statement.execute("reset plan_cache_mode");
            statement.execute("deallocate page");
        }
        return String.join(", ", executionTimes);
    }
}
