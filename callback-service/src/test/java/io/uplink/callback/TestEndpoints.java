package io.uplink.callback;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

/** Inserts endpoints straight into the table, for tests of what happens downstream of registration. */
public final class TestEndpoints {

    private final JdbcClient jdbc;

    public TestEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insert(String tenantId, String url, List<String> eventTypes, boolean enabled) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into endpoints (id, tenant_id, url, event_types, enabled, disabled_reason, secret)
                        values (:id, :tenantId, :url, :eventTypes, :enabled, :reason, :secret)""")
                .param("id", id)
                .param("tenantId", tenantId)
                .param("url", url)
                .param("eventTypes", eventTypes.toArray(String[]::new))
                .param("enabled", enabled)
                .param("reason", enabled ? null : "disabled by test")
                .param("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                .update();
        return id;
    }

    public static String uniqueTenant(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
