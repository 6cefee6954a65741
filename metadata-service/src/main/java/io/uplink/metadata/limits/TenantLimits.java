package io.uplink.metadata.limits;

import io.uplink.contracts.EventJson;
import io.uplink.metadata.tenant.TenantSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The upload limits of the tenants of a batch, read in one query (settings can change at any time: no cache). */
@Component
public class TenantLimits {

    private static final UploadLimits DEFAULTS = UploadLimits.of(TenantSettings.defaults());

    private final JdbcClient jdbc;

    public TenantLimits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return a function giving each tenant's limits; a tenant without a row gets the defaults */
    public Lookup of(Collection<String> tenantIds) {
        Map<String, UploadLimits> limits = new HashMap<>();
        if (!tenantIds.isEmpty()) {
            jdbc.sql("select id, settings::text from metadata.tenants where id = any(?)")
                    .param(tenantIds.stream().distinct().toArray(String[]::new))
                    .query((rows, i) -> Map.entry(rows.getString(1),
                            UploadLimits.of(EventJson.read(rows.getString(2), TenantSettings.class))))
                    .list()
                    .forEach(entry -> limits.put(entry.getKey(), entry.getValue()));
        }
        return tenantId -> limits.getOrDefault(tenantId, DEFAULTS);
    }

    @FunctionalInterface
    public interface Lookup {
        UploadLimits forTenant(String tenantId);
    }
}
