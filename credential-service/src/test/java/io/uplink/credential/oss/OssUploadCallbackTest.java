package io.uplink.credential.oss;

import io.uplink.contracts.EventJson;
import io.uplink.credential.upload.OssUploadCallback;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The callback parameter decoded as OSS decodes it, then filled in the way OSS fills an application/json
 * callbackBody (system variables become JSON values): the result must be exactly what the callback intake reads.
 * S3Proxy never calls back, so this and {@code OssCallbackTest} (the intake, with a real signature) together
 * cover the loop.
 */
class OssUploadCallbackTest {

    static JsonNode decode(String parameter) {
        return EventJson.mapper().readTree(new String(Base64.getDecoder().decode(parameter), StandardCharsets.UTF_8));
    }

    @Test
    void isBase64JsonNamingOurIntakeAndAJsonBody() {
        JsonNode callback = decode(OssUploadCallback.parameter(URI.create("https://uplink.example.com/api/v1/oss/callback")));

        assertThat(callback.get("callbackUrl").asString()).isEqualTo("https://uplink.example.com/api/v1/oss/callback");
        assertThat(callback.get("callbackBodyType").asString()).isEqualTo("application/json");
        assertThat(callback.get("callbackBody").asString()).contains("${bucket}", "${object}", "${size}",
                "${mimeType}", "${etag}");
        assertThat(callback.properties()).hasSize(3);
    }

    @Test
    void theBodyOssSendsIsWhatTheIntakeParses() {
        String template = decode(OssUploadCallback.parameter(URI.create("https://u.example.com/api/v1/oss/callback")))
                .get("callbackBody").asString();
        String key = "tenants/acme/2026/11/25/0193-abc/report \"final\".pdf";

        String sent = template.replace("${bucket}", EventJson.writeString("acme-eu"))
                .replace("${object}", EventJson.writeString(key))
                .replace("${size}", "1048576")
                .replace("${mimeType}", EventJson.writeString("application/pdf"))
                .replace("${etag}", EventJson.writeString("\"9E107D9D372BB6826BD81D3542A419D6\""));
        OssCallbackController.CallbackBody body = EventJson.read(sent.getBytes(StandardCharsets.UTF_8),
                OssCallbackController.CallbackBody.class);

        assertThat(body).isEqualTo(new OssCallbackController.CallbackBody("acme-eu", key, 1048576L,
                "application/pdf", "\"9E107D9D372BB6826BD81D3542A419D6\""));
    }

    @Test
    void percentEncodesANonAsciiCallbackUrlAsOssRequires() {
        JsonNode callback = decode(OssUploadCallback.parameter(URI.create("https://u.example.com/api/v1/oss/callback?route=回调")));

        assertThat(callback.get("callbackUrl").asString()).isEqualTo("https://u.example.com/api/v1/oss/callback?route=%E5%9B%9E%E8%B0%83");
    }
}
