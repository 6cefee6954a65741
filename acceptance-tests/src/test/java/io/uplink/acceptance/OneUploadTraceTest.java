package io.uplink.acceptance;

import io.uplink.acceptance.OtlpCollector.CollectedSpan;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.localstack.LocalStack;
import io.uplink.localstack.RepositoryRoot;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import io.uplink.testsupport.metrics.PrometheusScrape;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One upload is one trace, from the tenant's request through the gateway to the webhook its backend receives: the
 * trace id is in every service's log lines for it, in the headers of both Kafka records it causes and in the
 * webhook's {@code traceparent}, and the spans the services export form one tree under the caller's span.
 */
class OneUploadTraceTest {

    private static final List<String> MODULES = List.of("gateway-service", "credential-service", "metadata-service",
            "callback-service");

    private static final String DASHBOARD = "infra/grafana/uplink-slis.json";
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:uplink|kafka)_[a-z0-9_]+\\b");

    private static LocalStack suite;
    private static TenantBackend tenant;

    @BeforeAll
    static void onboardATenant() {
        suite = RunningSuite.get();
        PlatformAdmin admin = new PlatformAdmin(suite.gatewayUrl(), RunningSuite.identityProvider());
        tenant = TenantBackend.onboard(suite.gatewayUrl(), admin, "tracer");
    }

    @AfterAll
    static void stopTheTenantsBackend() {
        tenant.close();
    }

    @Test
    void oneUploadIsOneTraceFromTheRequestToTheWebhook() {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);
        // the tenant's own backend starts the trace, sampled: every service samples it, whatever its own rate
        Map<String, String> traced = Map.of("traceparent", "00-" + traceId + "-" + callerSpanId + "-01");
        Upload upload = uploadAndAwaitItsWebhook(traced);
        String uploadId = upload.uploadId();
        String key = upload.key();
        VerifiedDelivery webhook = upload.webhook();
        assertThat(webhook.traceId()).as("the webhook's traceparent %s", webhook.traceparent()).isEqualTo(traceId);

        assertThat(traceIdIn(recordOn(Topics.UPLOADS_COMPLETED, uploadId)))
                .as("trace of the %s record", Topics.UPLOADS_COMPLETED).isEqualTo(traceId);
        assertThat(traceIdIn(recordOn(Topics.FILES_EVENTS, key)))
                .as("trace of the %s record", Topics.FILES_EVENTS).isEqualTo(traceId);

        String webhookSpanId = webhook.traceparent().substring(36, 52);
        List<CollectedSpan> spans = Eventually.await("the trace's spans up to the webhook attempt", Duration.ofSeconds(60),
                () -> {
                    List<CollectedSpan> trace = RunningSuite.collector().trace(traceId);
                    Set<String> ids = trace.stream().map(CollectedSpan::spanId).collect(Collectors.toSet());
                    return ids.contains(webhookSpanId) && reachesTheCaller(trace, webhookSpanId, callerSpanId)
                            ? Optional.of(trace) : Optional.empty();
                });
        assertThat(spans).as("spans of trace %s", traceId)
                .allSatisfy(span -> assertThat(span.parentSpanId()).as("parent of %s", span)
                        .isIn(spanIdsAnd(spans, callerSpanId)));
        List<CollectedSpan> path = pathToTheCaller(spans, webhookSpanId);
        assertThat(path).extracting(CollectedSpan::service).as("services from the webhook attempt back to the caller")
                .containsSubsequence("callback-service", "metadata-service", "credential-service", "gateway-service");
        assertThat(path).extracting(CollectedSpan::name).as("spans from the webhook attempt back to the caller")
                .containsSubsequence("webhook POST", Topics.FILES_EVENTS + " process", Topics.FILES_EVENTS + " send",
                        Topics.UPLOADS_COMPLETED + " process");
        assertThat(path.get(0).kind()).isEqualTo("SPAN_KIND_CLIENT");

        for (String module : MODULES) {
            assertThat(suite.instancesOf(module).stream().flatMap(instance -> logLinesOf(instance, traceId).stream()))
                    .as("%s log lines of trace %s", module, traceId).isNotEmpty();
        }

        // the mint's latency sample names its trace (an exemplar: only sampled traces leave one, and only this
        // test's are sampled here)
        assertThat(suite.instancesOf("credential-service").stream()
                .flatMap(instance -> PrometheusScrape.openMetrics(suite.serviceUrl(instance)).lines().stream()))
                .as("exemplars of uplink_credential_mint_duration_seconds")
                .anySatisfy(line -> assertThat(line).startsWith("uplink_credential_mint_duration_seconds_bucket")
                        .contains("trace_id=\"" + traceId + "\""));
    }

    @Test
    void theServiceLevelDashboardQueriesOnlyMetricsTheServicesExport() throws IOException {
        uploadAndAwaitItsWebhook(Map.of()); // every metric of the path has a sample

        JsonNode dashboard = EventJson.mapper().readTree(RepositoryRoot.locate(Path.of("").toAbsolutePath()).resolve(DASHBOARD).toFile());
        Set<String> queried = new TreeSet<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target ->
                queried.addAll(metricNames(target.path("expr").asString("")))));
        dashboard.path("templating").path("list").forEach(variable ->
                queried.addAll(metricNames(variable.path("query").asString(""))));
        assertThat(queried).as("metrics the dashboard queries").contains(
                "uplink_credential_mint_duration_seconds_bucket", "uplink_metadata_ingest_lag_seconds_bucket",
                "uplink_webhook_event_lag_seconds_bucket", "uplink_webhook_attempt_duration_seconds_bucket",
                "uplink_webhook_endpoint_attempt_duration_seconds_count", "kafka_consumer_fetch_manager_records_lag_max",
                "uplink_metadata_outbox_relay_lag_seconds_bucket");

        Set<String> exported = new TreeSet<>();
        for (String module : MODULES) {
            for (String instance : suite.instancesOf(module)) {
                PrometheusScrape.text(suite.serviceUrl(instance)).lines().stream()
                        .filter(line -> !line.startsWith("#") && !line.isBlank())
                        .map(line -> line.split("[{ ]", 2)[0])
                        .forEach(exported::add);
            }
        }
        assertThat(exported).as("metrics the services export").containsAll(queried);
    }

    private record Upload(String uploadId, String key, VerifiedDelivery webhook) {
    }

    /** A small upload by presigned PUT, each call to the gateway with the headers given; its file.created webhook. */
    private static Upload uploadAndAwaitItsWebhook(Map<String, String> headers) {
        byte[] content = ("traced " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Gateway.Answer minted = tenant.gateway().send("POST", "/api/v1/uploads",
                Map.of("filename", "traced.txt", "contentType", "text/plain", "size", content.length), headers);
        assertThat(minted.status()).as(minted.body()).isEqualTo(201);
        JsonNode grant = minted.json();
        String uploadId = grant.path("uploadId").asString();
        String key = grant.path("key").asString();
        assertThat(new ObjectStore().put(grant.path("url").asString(), grant.path("headers"),
                new ByteArrayInputStream(content), content.length).isSuccess()).isTrue();
        Gateway.Answer completed = tenant.gateway().send("POST", "/api/v1/uploads/" + uploadId + "/complete", null,
                headers);
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        VerifiedDelivery webhook = Eventually.await("the file.created webhook of " + key, Announcements.PIPELINE,
                () -> tenant.webhooksFor(key).stream()
                        .filter(delivery -> "file.created".equals(TenantBackend.typeOf(delivery))).findFirst());
        return new Upload(uploadId, key, webhook);
    }

    /** The series names in a PromQL expression: Uplink's own and the Kafka clients'. */
    private static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(promql);
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    /** The chain of parents from one span up to the caller's span (exclusive). */
    private static List<CollectedSpan> pathToTheCaller(List<CollectedSpan> spans, String fromSpanId) {
        Map<String, CollectedSpan> byId = spans.stream()
                .collect(Collectors.toMap(CollectedSpan::spanId, Function.identity(), (a, b) -> a));
        List<CollectedSpan> path = new java.util.ArrayList<>();
        for (CollectedSpan span = byId.get(fromSpanId); span != null && path.size() <= spans.size();
             span = byId.get(span.parentSpanId())) {
            path.add(span);
        }
        return path;
    }

    private static boolean reachesTheCaller(List<CollectedSpan> spans, String fromSpanId, String callerSpanId) {
        List<CollectedSpan> path = pathToTheCaller(spans, fromSpanId);
        return !path.isEmpty() && path.get(path.size() - 1).parentSpanId().equals(callerSpanId);
    }

    private static Set<String> spanIdsAnd(List<CollectedSpan> spans, String callerSpanId) {
        Set<String> ids = spans.stream().map(CollectedSpan::spanId).collect(Collectors.toSet());
        ids.add(callerSpanId);
        return ids;
    }

    /** An instance's JSON log lines (one object per line) in the trace. */
    private static List<String> logLinesOf(String instance, String traceId) {
        try (var lines = Files.lines(RunningSuite.logs().resolve(instance + ".log"), StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.contains("\"traceId\":\"" + traceId + "\"")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first record on a topic whose value mentions the text, read from the beginning. */
    private static ConsumerRecord<byte[], byte[]> recordOn(String topic, String mentioned) {
        try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.infrastructure().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "acceptance-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null
                            && new String(record.value(), StandardCharsets.UTF_8).contains(mentioned)) {
                        return record;
                    }
                }
            }
            throw new AssertionError("no record on " + topic + " mentions " + mentioned);
        }
    }

    private static String traceIdIn(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent header of a %s record", record.topic()).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8).substring(3, 35);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
