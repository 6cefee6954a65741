package io.uplink.bench.metadata;

import java.time.Instant;

/**
 * Storage notifications exactly as MinIO's Kafka target publishes them ({@code EventName}, {@code Key} =
 * bucket/key, one record, {@code s3:} event name, query-escaped key, user metadata, sequencer), and the file row
 * the ingestion makes of each, for the COPY baseline.
 */
final class StorageEventSamples {

    static final String BUCKET = "uplink-uploads";
    static final int TENANTS = 8;
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private StorageEventSamples() {
    }

    static String tenant(long index) {
        return "bench-t" + (index % TENANTS);
    }

    /** Unique per index; a space and a plus show the key escaping on the way. */
    static String key(long index) {
        return "tenants/" + tenant(index) + "/ingest/" + (index / 1000) + "/photo " + index + "+1.png";
    }

    static String minioKey(long index) {
        return key(index).replace("%", "%25").replace("+", "%2B").replace(" ", "+");
    }

    static Instant eventTime(long index) {
        return START.plusMillis(index);
    }

    static String sequencer(long index) {
        return String.format("%032X", 0x17A4B2C3D4E50000L + index);
    }

    static byte[] minioCreated(long index) {
        String escaped = minioKey(index);
        return ("{\"EventName\":\"s3:ObjectCreated:Put\",\"Key\":\"" + BUCKET + "/" + escaped + "\",\"Records\":[{"
                + "\"eventVersion\":\"2.0\",\"eventSource\":\"minio:s3\",\"awsRegion\":\"\",\"eventTime\":\""
                + eventTime(index) + "\",\"eventName\":\"s3:ObjectCreated:Put\",\"userIdentity\":{\"principalId\":"
                + "\"uplink\"},\"requestParameters\":{\"principalId\":\"uplink\",\"region\":\"\",\"sourceIPAddress\":"
                + "\"10.0.0.7\"},\"responseElements\":{\"x-amz-id-2\":\"dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8\","
                + "\"x-amz-request-id\":\"17A4B2C3D4E5F607\",\"x-minio-deployment-id\":\"3b9f1a2c-6c47-4a1e-9d0f-0c1d2e3f4a5b\","
                + "\"x-minio-origin-endpoint\":\"http://10.0.0.7:9000\"},\"s3\":{\"s3SchemaVersion\":\"1.0\","
                + "\"configurationId\":\"Config\",\"bucket\":{\"name\":\"" + BUCKET + "\",\"ownerIdentity\":{"
                + "\"principalId\":\"uplink\"},\"arn\":\"arn:aws:s3:::" + BUCKET + "\"},\"object\":{\"key\":\""
                + escaped + "\",\"size\":" + size(index) + ",\"eTag\":\"" + etag(index) + "\",\"contentType\":"
                + "\"image/png\",\"userMetadata\":{\"content-type\":\"image/png\",\"X-Amz-Meta-Original-Filename\":"
                + "\"photo " + index + ".png\",\"X-Amz-Meta-Project\":\"apollo\"},\"sequencer\":\"" + sequencer(index)
                + "\"}},\"source\":{\"host\":\"10.0.0.7\",\"port\":\"\",\"userAgent\":\"MinIO (linux; amd64) minio-go/v7.0.70\"}}]}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static long size(long index) {
        return 1024 + (index * 7919) % 5_000_000;
    }

    static String etag(long index) {
        return String.format("%032x", index * 2654435761L);
    }

    static FileRowsCopy.FileRow row(long index) {
        return new FileRowsCopy.FileRow(tenant(index), BUCKET, key(index), size(index), "image/png", etag(index),
                "photo " + index + ".png", "{\"project\":\"apollo\",\"original-filename\":\"photo " + index + ".png\"}",
                sequencer(index), eventTime(index));
    }
}
