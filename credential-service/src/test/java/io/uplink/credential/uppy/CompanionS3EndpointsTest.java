package io.uplink.credential.uppy;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.credential.ServiceApi;
import io.uplink.testsupport.Infra;
import io.uplink.testsupport.SharedInfrastructure;
import io.uplink.testsupport.UplinkInfrastructure;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the Companion-compatible endpoints the way {@code @uppy/aws-s3} in Companion mode calls them. */
@UplinkInfrastructure({Infra.S3, Infra.KAFKA, Infra.POSTGRES})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestIdentityKeys.TRUSTED_KEYS_PROPERTY, TestIdentityKeys.CREDENTIAL_PRIVATE_KEY_PROPERTY})
class CompanionS3EndpointsTest {

    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String tenant() {
        return "uppy-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void paramsAnswersAPostFormWithTheServerAssignedKeyThatTheStoreAccepts() throws Exception {
        String tenant = tenant();
        ServiceApi.Response params = new ServiceApi(port).get(tenant,
                "/api/v1/s3/params?filename=" + enc("holiday photo.png") + "&type=image/png&" + enc("metadata[name]") + "=x");

        assertThat(params.status()).as(params.body()).isEqualTo(200);
        JsonNode json = params.json();
        assertThat(json.get("method").asString()).isEqualTo("POST");
        assertThat(json.get("fields").get("key").asString()).startsWith("tenants/" + tenant + "/").endsWith("/holiday_photo.png");
        String policy = new String(java.util.Base64.getDecoder().decode(json.get("fields").get("policy").asString()),
                StandardCharsets.UTF_8);
        assertThat(policy).contains("[\"content-length-range\",1,5368709120]");

        String boundary = "uppy" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        json.get("fields").properties().forEach(field -> body.writeBytes(("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                + field.getValue().asString() + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[500]);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> upload = BROWSER.send(HttpRequest.newBuilder(URI.create(json.get("url").asString()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isBetween(200, 204);
    }

    @Test
    void multipartFlowMatchesCompanionAndPublishesTheCompletion() throws Exception {
        String tenant = tenant();
        ServiceApi api = new ServiceApi(port);
        JsonNode created = api.post(tenant, "/api/v1/s3/multipart",
                Map.of("filename", "clip.mp4", "type", "video/mp4", "metadata",
                        // what Uppy sends: the file's whole meta, its own fields among the page's
                        Map.of("name", "clip.mp4", "type", "video/mp4", "relativePath", "null", "album", "summer"))).json();
        String key = created.get("key").asString();
        String uploadId = created.get("uploadId").asString();
        assertThat(key).startsWith("tenants/" + tenant + "/");
        assertThat(created.get("bucket").asString()).isEqualTo("uplink-uploads");
        String query = "?key=" + enc(key);
        String base = "/api/v1/s3/multipart/" + enc(uploadId);

        JsonNode batch = api.get(tenant, base + "/batch" + query + "&partNumbers=1,2").json();
        JsonNode single = api.get(tenant, base + "/2" + query).json();
        assertThat(single.get("expires").asLong()).isEqualTo(900);
        byte[] first = new byte[5 * 1024 * 1024];
        byte[] second = "tail".getBytes(StandardCharsets.UTF_8);
        String etag1 = putPart(batch.get("presignedUrls").get("1").asString(), first);
        String etag2 = putPart(single.get("url").asString(), second);

        ServiceApi.Response listed = api.get(tenant, base + query);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json().size()).isEqualTo(2);
        assertThat(listed.json().get(0).get("PartNumber").asInt()).isEqualTo(1);
        assertThat(listed.json().get(0).get("Size").asLong()).isEqualTo(first.length);

        try (KafkaConsumer<String, String> consumer = consumer()) {
            ServiceApi.Response completed = api.post(tenant, base + "/complete" + query, Map.of("parts", List.of(
                    Map.of("PartNumber", 1, "ETag", etag1), Map.of("PartNumber", 2, "ETag", etag2))));

            assertThat(completed.status()).as(completed.body()).isEqualTo(200);
            assertThat(completed.json().get("key").asString()).isEqualTo(key);
            assertThat(completed.json().get("bucket").asString()).isEqualTo("uplink-uploads");
            assertThat(completed.json().get("location").asString()).endsWith("/uplink-uploads/" + key);
            UploadCompleted event = await(consumer, tenant + "/" + key);
            assertThat(event.size()).isEqualTo(first.length + second.length);
            assertThat(event.metadata()).containsExactlyEntriesOf(Map.of("album", "summer"));
            assertThat(event.originalFilename()).isEqualTo("clip.mp4");
        }
    }

    @Test
    void refusesAKeyThatIsNotTheSessionsOrASessionOfAnotherTenant() {
        String tenant = tenant();
        ServiceApi api = new ServiceApi(port);
        JsonNode created = api.post(tenant, "/api/v1/s3/multipart",
                Map.of("filename", "a.mp4", "type", "video/mp4")).json();
        String base = "/api/v1/s3/multipart/" + enc(created.get("uploadId").asString());

        ServiceApi.Response otherKey = api.get(tenant, base + "/1?key=" + enc("tenants/victim/x.mp4"));
        ServiceApi.Response otherTenant = api.get("intruder", base + "/1?key=" + enc(created.get("key").asString()));
        ServiceApi.Response abort = api.delete(tenant, base + "?key=" + enc(created.get("key").asString()));

        assertThat(otherKey.status()).isEqualTo(404);
        assertThat(otherTenant.status()).isEqualTo(404);
        assertThat(abort.status()).isEqualTo(200);
        assertThat(abort.body()).isEqualTo("{}");
    }

    private static String putPart(String url, byte[] bytes) throws Exception {
        HttpResponse<Void> response = BROWSER.send(HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("ETag").orElseThrow();
    }

    private static KafkaConsumer<String, String> consumer() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "uppy-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        consumer.subscribe(List.of(Topics.UPLOADS_COMPLETED));
        return consumer;
    }

    private static UploadCompleted await(KafkaConsumer<String, String> consumer, String recordKey) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                if (recordKey.equals(record.key())) {
                    return EventJson.read(record.value(), UploadCompleted.class);
                }
            }
        }
        throw new AssertionError("no completion for " + recordKey);
    }
}
