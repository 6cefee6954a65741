package io.uplink.credential.policy;

import java.time.LocalDate;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Server-assigned object keys: {@code tenants/{tenantId}/{yyyy}/{MM}/{dd}/{uploadId}/{sanitized filename}}
 * (ARCHITECTURE.md "Object keys"). A tenant's credentials can never reach outside {@code tenants/{tenantId}/}.
 */
public final class ObjectKeys {

    /** Tenant ids become a key segment, so only a conservative alphabet is accepted. */
    private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");

    private ObjectKeys() {
    }

    public static boolean isValidTenantId(String tenantId) {
        return tenantId != null && TENANT_ID.matcher(tenantId).matches();
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
        for (String segment : key.substring(prefix.length()).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return key.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c == '\\');
    }
}
