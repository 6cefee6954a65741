package io.uplink.testsupport.notification;

import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One bucket notification exactly as MinIO's Kafka target publishes it: record key {@code bucket/key}, value
 * {@code {"EventName","Key","Records":[…]}} with one S3 event record (event name with the {@code s3:} prefix, the
 * object key query-escaped, millisecond event time, hexadecimal sequencer). Removals carry no size, ETag, content
 * type or metadata, as with MinIO.
 *
 * @param userMetadata user metadata without the {@code x-amz-meta-} prefix, as the AWS SDK reports it
 */
public record MinioNotification(String eventName, String bucket, String key, long size, String eTag,
                                String contentType, Map<String, String> userMetadata, String sequencer,
                                Instant eventTime) {

    public static final String PUT = "s3:ObjectCreated:Put";
    public static final String COPY = "s3:ObjectCreated:Copy";
    public static final String COMPLETE_MULTIPART_UPLOAD = "s3:ObjectCreated:CompleteMultipartUpload";
    public static final String DELETE = "s3:ObjectRemoved:Delete";

    /** The identity MinIO reports as the requester; the embedded store has one set of credentials. */
    private static final String PRINCIPAL = "uplink-local-access";
    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public MinioNotification {
        userMetadata = userMetadata == null ? Map.of() : Map.copyOf(userMetadata);
    }

    public static MinioNotification created(String eventName, String bucket, String key, long size, String eTag,
                                            String contentType, Map<String, String> userMetadata, String sequencer,
                                            Instant eventTime) {
        return new MinioNotification(eventName, bucket, key, size, unquoted(eTag), contentType, userMetadata,
                sequencer, eventTime);
    }

    public static MinioNotification removed(String bucket, String key, String sequencer, Instant eventTime) {
        return new MinioNotification(DELETE, bucket, key, 0, null, null, Map.of(), sequencer, eventTime);
    }

    /** The Kafka record key MinIO uses, so that one object's events share a partition. */
    public String recordKey() {
        return bucket + "/" + key;
    }

    public byte[] json() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", queryEscape(key));
        if (size > 0) {
            object.put("size", size);
        }
        if (eTag != null) {
            object.put("eTag", eTag);
        }
        if (contentType != null) {
            object.put("contentType", contentType);
        }
        Map<String, String> metadata = userMetadataAsMinioReportsIt();
        if (!metadata.isEmpty()) {
            object.put("userMetadata", metadata);
        }
        object.put("sequencer", sequencer);

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("eventVersion", "2.0");
        record.put("eventSource", "minio:s3");
        record.put("awsRegion", "");
        record.put("eventTime", EVENT_TIME.format(eventTime));
        record.put("eventName", eventName);
        record.put("userIdentity", Map.of("principalId", PRINCIPAL));
        record.put("requestParameters", ordered("principalId", PRINCIPAL, "region", "", "sourceIPAddress", ""));
        record.put("responseElements", ordered("x-amz-request-id", sequencer));
        record.put("s3", ordered(
                "s3SchemaVersion", "1.0",
                "configurationId", "Config",
                "bucket", ordered("name", bucket, "ownerIdentity", Map.of("principalId", PRINCIPAL),
                        "arn", "arn:aws:s3:::" + bucket),
                "object", object));
        record.put("source", ordered("host", "", "port", "", "userAgent", ""));

        Map<String, Object> notification = ordered("EventName", eventName, "Key", recordKey(),
                "Records", List.of(record));
        return JSON.writeValueAsString(notification).getBytes(StandardCharsets.UTF_8);
    }

    /** MinIO lists the content type and each user metadata header under its canonical header name. */
    private Map<String, String> userMetadataAsMinioReportsIt() {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (contentType != null) {
            metadata.put("content-type", contentType);
        }
        userMetadata.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                metadata.put(canonicalHeaderName("x-amz-meta-" + entry.getKey()), entry.getValue()));
        return metadata;
    }

    /** Go's {@code url.QueryEscape}, which MinIO applies to object keys: space as {@code +}, {@code /} escaped. */
    static String queryEscape(String value) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                escaped.append(c);
            } else if (c == ' ') {
                escaped.append('+');
            } else {
                escaped.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
            }
        }
        return escaped.toString();
    }

    /** Go's {@code http.CanonicalHeaderKey}: {@code x-amz-meta-original-filename} → {@code X-Amz-Meta-Original-Filename}. */
    static String canonicalHeaderName(String name) {
        StringBuilder canonical = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            canonical.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return canonical.toString();
    }

    private static String unquoted(String eTag) {
        return eTag != null && eTag.length() >= 2 && eTag.startsWith("\"") && eTag.endsWith("\"")
                ? eTag.substring(1, eTag.length() - 1) : eTag;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
