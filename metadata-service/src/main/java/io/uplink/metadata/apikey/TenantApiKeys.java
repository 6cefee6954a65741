package io.uplink.metadata.apikey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** All of one tenant's API keys at once, for its erasure. */
@Component
public class TenantApiKeys {

    private final JdbcClient jdbc;

    public TenantApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many keys were removed, revoked ones included */
    public int deleteAll(String tenantId) {
        return jdbc.sql("delete from metadata.api_keys where tenant_id = ?").param(tenantId).update();
    }
}
