package io.uplink.callback.erasure;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Everything callback-service holds of one tenant, removed at once when the tenant is erased. */
@Component
class TenantWebhookData {

    /** What one erasure removed. */
    record Removed(int endpoints, int messages, int deliveries, int attempts) {
    }

    private final JdbcClient jdbc;

    TenantWebhookData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Idempotent: a tenant erased before (a redelivered event) removes nothing more. Attempts go last: an attempt is
     * logged only by the statement that finds its delivery, so one recorded meanwhile either committed before the
     * last statement reads the table or found its delivery deleted and logged nothing.
     */
    @Transactional
    Removed removeAll(String tenantId) {
        int deliveries = jdbc.sql("delete from deliveries where tenant_id = ?").param(tenantId).update();
        int messages = jdbc.sql("delete from messages where tenant_id = ?").param(tenantId).update();
        int endpoints = jdbc.sql("delete from endpoints where tenant_id = ?").param(tenantId).update();
        int attempts = jdbc.sql("delete from attempts where tenant_id = ?").param(tenantId).update();
        return new Removed(endpoints, messages, deliveries, attempts);
    }
}
