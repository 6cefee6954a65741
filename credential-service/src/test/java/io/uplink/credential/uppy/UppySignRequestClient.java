package io.uplink.credential.uppy;

import io.uplink.credential.ServiceApi;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays {@code @uppy/aws-s3} 6 in {@code signRequest} mode: the page's hook forwards each request to
 * {@code POST /api/v1/s3/sign}, then the browser sends the S3 call itself to the signed URL, with the
 * Content-Type Uppy sets (the file's type on PutObject and CreateMultipartUpload, {@code application/xml} on
 * CompleteMultipartUpload) and nothing else.
 */
final class UppySignRequestClient {

    private static final Pattern UPLOAD_ID = Pattern.compile("<UploadId>([^<]+)</UploadId>");

    private final ServiceApi api;
    private final String tenant;

    UppySignRequestClient(int port, String tenant) {
        this.api = new ServiceApi(port);
        this.tenant = tenant;
    }

    /** The hook: forwards the request unchanged and expects a signed answer. */
    JsonNode sign(Map<String, Object> request) {
        ServiceApi.Response response = signRaw(request);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    ServiceApi.Response signRaw(Object request) {
        return api.post(tenant, "/api/v1/s3/sign", request);
    }

    static Map<String, Object> request(Object... pairs) {
        Map<String, Object> request = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            request.put((String) pairs[i], pairs[i + 1]);
        }
        return request;
    }

    static HttpResponse<String> send(String method, String url, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            // a connection of its own per call: the store closes one after refusing a request whose body it did not
            // read, and a pooled client could send the next call on it before noticing (EOF instead of an answer);
            // a browser retries such a call on a new connection
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Uppy's CreateMultipartUpload: sign {@code POST {key}}, POST to the store, read the UploadId from the XML. */
    String createMultipartUpload(String signedUrl, String fileType) {
        HttpResponse<String> created = send("POST", signedUrl, fileType, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        Matcher id = UPLOAD_ID.matcher(created.body());
        assertThat(id.find()).as(created.body()).isTrue();
        return id.group(1);
    }

    String uploadPart(String key, String uploadId, int partNumber, byte[] bytes) {
        JsonNode signed = sign(request("method", "PUT", "key", key, "uploadId", uploadId, "partNumber", partNumber));
        HttpResponse<String> stored = send("PUT", signed.get("url").asString(), null, bytes);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        return stored.headers().firstValue("ETag").orElseThrow();
    }
}
