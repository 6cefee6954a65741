package io.uplink.credential.uppy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The metadata Uppy's Companion mode sends is every field of the file's {@code meta} (its default
 * {@code allowedMetaFields: true}), Uppy's own among them: {@code name} and {@code type} travel as the upload's
 * filename and type already, and {@code relativePath} is null for a file picked by hand. Those are left out, so
 * only the page's own fields are checked and stored.
 */
final class UppyMetadata {

    private static final Set<String> UPPYS_OWN = Set.of("name", "type", "relativePath");

    private UppyMetadata() {
    }

    static Map<String, String> pageFields(Map<String, String> sent) {
        if (sent == null) {
            return Map.of();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        sent.forEach((name, value) -> {
            if (!UPPYS_OWN.contains(name) && value != null && !"null".equals(value)) {
                fields.put(name, value);
            }
        });
        return fields;
    }
}
