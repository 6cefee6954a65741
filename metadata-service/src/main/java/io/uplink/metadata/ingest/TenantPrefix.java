package io.uplink.metadata.ingest;

/**
 * The tenant an object belongs to, read from its key: {@code tenants/{tenantId}/...}. Objects outside any tenant
 * prefix have no owner and are rejected.
 */
public final class TenantPrefix {

    private static final String ROOT = "tenants/";

    private TenantPrefix() {
    }

    /** @throws RejectedEventException when the key is not inside a tenant prefix */
    public static String tenantOf(String key) {
        if (key == null || !key.startsWith(ROOT)) {
            throw new RejectedEventException("object key '" + key + "' is outside any tenant prefix (tenants/{tenantId}/...)");
        }
        int end = key.indexOf('/', ROOT.length());
        if (end <= ROOT.length() || end == key.length() - 1) {
            throw new RejectedEventException("object key '" + key + "' is outside any tenant prefix (tenants/{tenantId}/...)");
        }
        return key.substring(ROOT.length(), end);
    }
}
