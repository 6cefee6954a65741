package io.uplink.credential.storenotification;

import io.uplink.contracts.EventJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects an S3 event notification says were created, in either form stores publish: MinIO's Kafka target
 * ({@code s3:ObjectCreated:Put}, keys query-escaped) and AWS event version 2.x ({@code ObjectCreated:Put}, keys
 * form-encoded). Both decode with form-URL decoding. Removals, test events and anything unreadable name no object:
 * metadata-service owns the notification's full meaning, here it is only a hint to look at a session sooner.
 */
final class CreatedObjects {

    private CreatedObjects() {
    }

    static List<StoredObject> in(byte[] notification) {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(notification);
        } catch (JacksonException e) {
            return List.of();
        }
        JsonNode records = root == null ? null : root.get("Records");
        if (records == null || !records.isArray()) {
            return List.of();
        }
        List<StoredObject> objects = new ArrayList<>();
        for (JsonNode record : records) {
            String name = record.path("eventName").asString("");
            if (!(name.startsWith("s3:ObjectCreated:") || name.startsWith("ObjectCreated:"))) {
                continue;
            }
            String bucket = record.path("s3").path("bucket").path("name").asString("");
            String rawKey = record.path("s3").path("object").path("key").asString("");
            if (bucket.isEmpty() || rawKey.isEmpty()) {
                continue;
            }
            try {
                objects.add(new StoredObject(bucket, URLDecoder.decode(rawKey, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                // not URL-encoded: no session has such a key
            }
        }
        return objects;
    }

    /** An object a store announced as created. */
    record StoredObject(String bucket, String key) {
    }
}
