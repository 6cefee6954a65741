package io.uplink.testsupport.notification;

import io.uplink.testsupport.S3Endpoint;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A browser's form upload: a SigV4-signed POST policy and a multipart/form-data body, as S3 documents it. */
final class PostFormUpload {

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private PostFormUpload() {
    }

    /** @return the HTTP status of the upload */
    static int send(S3Endpoint s3, String key, String contentType, Map<String, String> extraFields, String content)
            throws Exception {
        Instant now = Instant.now();
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        String credential = s3.accessKey() + "/" + day + "/" + s3.region() + "/s3/aws4_request";

        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.put("Content-Type", contentType);
        fields.putAll(extraFields);
        fields.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        fields.put("x-amz-credential", credential);
        fields.put("x-amz-date", amzDate);
        String conditions = fields.entrySet().stream()
                .map(field -> "{\"" + field.getKey() + "\":\"" + field.getValue() + "\"}")
                .collect(Collectors.joining(","));
        String policy = Base64.getEncoder().encodeToString(("{\"expiration\":\"" + now.plusSeconds(3600)
                + "\",\"conditions\":[{\"bucket\":\"" + s3.bucket() + "\"}," + conditions + "]}")
                .getBytes(StandardCharsets.UTF_8));
        byte[] signingKey = hmac(hmac(hmac(hmac(("AWS4" + s3.secretKey()).getBytes(StandardCharsets.UTF_8), day),
                s3.region()), "s3"), "aws4_request");
        fields.put("policy", policy);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(signingKey, policy)));

        String boundary = "uplink-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\""
                + "\r\nContent-Type: " + contentType + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n")
                .getBytes(StandardCharsets.UTF_8));

        HttpRequest request = HttpRequest.newBuilder(URI.create(s3.endpoint() + "/" + s3.bucket()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
