package io.uplink.gateway.support;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionVerifier;
import io.uplink.contracts.identity.IdentityKeys;
import io.uplink.contracts.identity.InvalidIdentityException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * metadata-service's key registry and tenant registry, served over real HTTP by an {@link EchoUpstream} at the
 * paths of docs/internal-contracts.md; it insists on a valid admin identity assertion, as the real one does.
 */
public final class FakeKeyRegistry {

    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** As metadata-service verifies: for audience {@code metadata}, under the gateway's public key. */
    private final IdentityAssertionVerifier codec = new IdentityAssertionVerifier(IdentityAssertion.AUDIENCE_METADATA,
            IdentityKeys.trustedKeys("gateway=" + io.uplink.testsupport.identity.TestIdentityKeys.GATEWAY_PUBLIC_KEY),
            Clock.systemUTC());
    private final Map<String, Map<String, Object>> keysByHash = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> settingsByTenant = new ConcurrentHashMap<>();
    private final Map<String, String> statusByTenant = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private volatile int lookupStatus;
    private volatile long lookupDelayMillis;

    public FakeKeyRegistry(EchoUpstream metadata) {
        serveOn(metadata);
    }

    /** One registry answering on every given metadata-service instance, as replicas sharing one database do. */
    public static FakeKeyRegistry servedBy(EchoUpstream... metadataInstances) {
        FakeKeyRegistry registry = new FakeKeyRegistry(metadataInstances[0]);
        for (int i = 1; i < metadataInstances.length; i++) {
            registry.serveOn(metadataInstances[i]);
        }
        return registry;
    }

    private void serveOn(EchoUpstream metadata) {
        metadata.handle("/internal/v1/api-keys/", (method, path, headers, body) -> {
            if (!callerIsAdmin(headers)) {
                return EchoUpstream.Response.json(401, Map.of("status", 401));
            }
            lookups.incrementAndGet();
            if (lookupDelayMillis > 0) {
                try {
                    Thread.sleep(lookupDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (lookupStatus > 0) {
                return EchoUpstream.Response.json(lookupStatus, Map.of("status", lookupStatus));
            }
            Map<String, Object> key = keysByHash.get(path.substring("/internal/v1/api-keys/".length()));
            return key == null ? EchoUpstream.Response.json(404, Map.of("status", 404)) : EchoUpstream.Response.json(200, key);
        });
        metadata.handle("/api/v1/tenants/", (method, path, headers, body) -> {
            String tenantId = path.substring("/api/v1/tenants/".length());
            Map<String, Object> settings = settingsByTenant.get(tenantId);
            if (settings == null || !headers.containsKey("x-uplink-identity")) {
                return null;
            }
            if (!callerIsAdmin(headers)) {
                return EchoUpstream.Response.json(401, Map.of("status", 401));
            }
            return EchoUpstream.Response.json(200, Map.of("id", tenantId,
                    "status", statusByTenant.getOrDefault(tenantId, "active"), "settings", settings));
        });
    }

    private boolean callerIsAdmin(Map<String, List<String>> headers) {
        List<String> identity = headers.get("x-uplink-identity");
        try {
            return identity != null && codec.verify(identity.get(0)).isAdmin();
        } catch (InvalidIdentityException e) {
            return false;
        }
    }

    public static String newKey(String environment) {
        StringBuilder key = new StringBuilder("upk_").append(environment).append('_');
        for (int i = 0; i < 32; i++) {
            key.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return key.toString();
    }

    /** Registers an active key for a tenant; returns the plaintext key. */
    public String issueKey(String tenantId, List<String> roles, Map<String, Object> settings) {
        String key = newKey("local");
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("keyId", "key_" + Math.abs(key.hashCode()));
        record.put("tenantId", tenantId);
        record.put("keyStatus", "active");
        record.put("tenantStatus", tenantId == null ? null : "active");
        record.put("roles", roles);
        record.put("settings", settings);
        keysByHash.put(sha256(key), record);
        return key;
    }

    public String issueTenantKey(String tenantId) {
        return issueKey(tenantId, List.of(IdentityAssertion.ROLE_TENANT), Map.of());
    }

    public void revoke(String key) {
        keysByHash.get(sha256(key)).put("keyStatus", "revoked");
    }

    public void suspendTenantOf(String key) {
        keysByHash.get(sha256(key)).put("tenantStatus", "suspended");
    }

    /** The tenant registry answers this tenant as suspended (JWT and upload-token callers learn it there). */
    public void suspendTenant(String tenantId) {
        settingsByTenant.putIfAbsent(tenantId, Map.of());
        statusByTenant.put(tenantId, "suspended");
    }

    public void tenantSettings(String tenantId, Map<String, Object> settings) {
        settingsByTenant.put(tenantId, settings);
    }

    /** Makes key lookups answer with this status (0 restores normal answers), like a failing registry. */
    public void failLookupsWith(int status) {
        this.lookupStatus = status;
    }

    /** Makes key lookups answer late. */
    public void delayLookups(long millis) {
        this.lookupDelayMillis = millis;
    }

    public int lookups() {
        return lookups.get();
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
