package io.uplink.metadata.storageevent;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.UtcInstants;
import io.uplink.metadata.ingest.RejectedEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads S3 event notifications as storages publish them: AWS event version 2.x ({@code {"Records":[…]}}, event
 * names without prefix, keys form-encoded with {@code +} for space) and MinIO's Kafka target
 * ({@code {"EventName","Key","Records":[…]}}, names with the {@code s3:} prefix, keys query-escaped). Both encodings
 * decode with form-URL decoding. Test events ({@code s3:TestEvent}) and other event types yield no records.
 */
public final class StorageEventParser {

    private static final String AMZ_META = "x-amz-meta-";

    private StorageEventParser() {
    }

    /** @throws InvalidEventException when the bytes are not an S3 event notification */
    public static List<StorageEvent> parse(byte[] value) {
        try {
            return events(EventJson.mapper().readTree(value));
        } catch (JacksonException e) {
            // Also a field of the wrong type (a size that is no number), which the node accessors only notice here:
            // uncaught, it would be retried for ever instead of dead-lettered.
            throw new InvalidEventException("not a valid S3 event notification: " + e.getOriginalMessage(), e);
        }
    }

    private static List<StorageEvent> events(JsonNode root) {
        JsonNode records = root == null ? null : root.get("Records");
        if (records == null || !records.isArray()) {
            if (root != null && "s3:TestEvent".equals(text(root, "Event"))) {
                return List.of();
            }
            throw new RejectedEventException("not an S3 event notification: no Records array");
        }
        List<StorageEvent> events = new ArrayList<>();
        for (JsonNode record : records) {
            String name = text(record, "eventName");
            if (name == null) {
                throw new RejectedEventException("S3 event record without eventName");
            }
            String eventName = name.startsWith("s3:") ? name.substring(3) : name;
            StorageEvent.Kind kind;
            if (eventName.startsWith("ObjectCreated:")) {
                kind = StorageEvent.Kind.CREATED;
            } else if (eventName.startsWith("ObjectRemoved:")) {
                kind = StorageEvent.Kind.REMOVED;
            } else {
                continue;
            }
            events.add(toEvent(record, kind, eventName));
        }
        return events;
    }

    private static StorageEvent toEvent(JsonNode record, StorageEvent.Kind kind, String eventName) {
        JsonNode s3 = record.get("s3");
        JsonNode object = s3 == null ? null : s3.get("object");
        String bucket = s3 == null || s3.get("bucket") == null ? null : text(s3.get("bucket"), "name");
        String rawKey = object == null ? null : text(object, "key");
        if (bucket == null || rawKey == null || rawKey.isEmpty()) {
            throw new RejectedEventException("S3 event record without bucket name or object key");
        }
        String key;
        try {
            key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException("object key '" + rawKey + "' is not URL-encoded");
        }
        Instant eventTime;
        try {
            eventTime = UtcInstants.parse(text(record, "eventTime"));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new RejectedEventException("S3 event record without a valid eventTime");
        }
        JsonNode size = object.get("size");
        Map<String, String> userMetadata = new LinkedHashMap<>();
        String contentType = text(object, "contentType");
        JsonNode metadata = object.get("userMetadata");
        if (metadata != null && metadata.isObject()) {
            for (Map.Entry<String, JsonNode> entry : metadata.properties()) {
                String name = entry.getKey().toLowerCase(Locale.ROOT);
                String metadataValue = entry.getValue().asString();
                if (name.equals("content-type")) {
                    contentType = contentType == null ? metadataValue : contentType;
                } else if (name.startsWith(AMZ_META)) {
                    userMetadata.put(name.substring(AMZ_META.length()), metadataValue);
                }
            }
        }
        return new StorageEvent(kind, eventName, bucket, key, blankToNull(text(object, "versionId")),
                size == null || size.isNull() ? 0 : size.asLong(), blankToNull(text(object, "eTag")), contentType,
                userMetadata, Sequencers.normalise(text(object, "sequencer")), eventTime);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() || value.equals("null") ? null : value;
    }
}
