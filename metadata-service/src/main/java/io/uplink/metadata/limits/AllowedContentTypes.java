package io.uplink.metadata.limits;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a stored object's content type is within a tenant's allowed patterns ({@code type/subtype},
 * {@code type/*}, {@code *}{@code /*}), with the same meaning as credential-service gives them when it signs an
 * upload: parameters are ignored, case does not matter. The type comes from the store, not from us, so anything
 * that is not a plain {@code token/token} (before its parameters) is allowed only by a tenant that allows every type.
 */
public final class AllowedContentTypes {

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]+");

    private AllowedContentTypes() {
    }

    public static boolean allows(List<String> patterns, String contentType) {
        if (patterns.stream().map(AllowedContentTypes::normalized).anyMatch(p -> p.equals("*/*") || p.equals("*"))) {
            return true;
        }
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String essence = normalized(semicolon < 0 ? contentType : contentType.substring(0, semicolon));
        int slash = essence.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String type = essence.substring(0, slash);
        String subtype = essence.substring(slash + 1);
        if (!TOKEN.matcher(type).matches() || !TOKEN.matcher(subtype).matches()) {
            return false;
        }
        for (String raw : patterns) {
            String pattern = normalized(raw);
            if (pattern.equals(essence) || pattern.equals(type + "/*")) {
                return true;
            }
        }
        return false;
    }

    /** Trimmed of spaces and tabs only (not of every control character), lower case. */
    private static String normalized(String value) {
        return value.strip().toLowerCase(Locale.ROOT);
    }
}
