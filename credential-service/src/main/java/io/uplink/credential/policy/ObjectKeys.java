package io.uplink.credential.policy;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Server-assigned object keys: {@code tenants/{tenantId}/{yyyy}/{MM}/{dd}/{uploadId}/{sanitized filename}}
 * (docs/architecture.md). A tenant's credentials can never reach outside {@code tenants/{tenantId}/}.
 */
public final class ObjectKeys {

    /** Tenant ids become a key segment, so only a conservative alphabet is accepted (see isValidTenantId). */
    private ObjectKeys() {
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9_-]{0,62}}, checked by hand: it runs several times per mint. */
    public static boolean isValidTenantId(String tenantId) {
        if (tenantId == null || tenantId.isEmpty() || tenantId.length() > 63 || !asciiAlphanumeric(tenantId.charAt(0))) {
            return false;
        }
        for (int i = 1; i < tenantId.length(); i++) {
            char c = tenantId.charAt(i);
            if (!asciiAlphanumeric(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public static String tenantPrefix(String tenantId) {
        if (!isValidTenantId(tenantId)) {
            throw new IllegalArgumentException("tenant id is not usable in an object key");
        }
        return "tenants/" + tenantId + "/";
    }

    public static String keyFor(String tenantId, LocalDate day, UUID uploadId, String filename) {
        // built by hand: String.format was a visible share of minting a credential
        StringBuilder key = new StringBuilder(128).append(tenantPrefix(tenantId));
        padded(key, day.getYear(), 4).append('/');
        padded(key, day.getMonthValue(), 2).append('/');
        padded(key, day.getDayOfMonth(), 2).append('/');
        return key.append(uploadId).append('/').append(FilenameSanitizer.sanitize(filename)).toString();
    }

    private static StringBuilder padded(StringBuilder to, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            to.append('0');
        }
        return to.append(digits);
    }

    /** True only for keys strictly inside the tenant's prefix, without any path trick. */
    public static boolean belongsTo(String tenantId, String key) {
        if (!isValidTenantId(tenantId) || key == null || key.length() > 1024) {
            return false;
        }
        String prefix = tenantPrefix(tenantId);
        if (!key.startsWith(prefix) || key.length() == prefix.length()) {
            return false;
        }
        // Segments after the prefix: none empty, "." or ".."; no control character or backslash anywhere.
        int segmentStart = prefix.length();
        for (int i = segmentStart; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '/') {
                int length = i - segmentStart;
                if (length == 0 || (length <= 2 && key.charAt(segmentStart) == '.'
                        && (length == 1 || key.charAt(segmentStart + 1) == '.'))) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
