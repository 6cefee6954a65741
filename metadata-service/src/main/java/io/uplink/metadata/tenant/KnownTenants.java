package io.uplink.metadata.tenant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Which tenant ids exist in the registry, asked once per batch rather than once per record. */
@Component
public class KnownTenants {

    private final JdbcClient jdbc;

    public KnownTenants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> existing(Collection<String> tenantIds) {
        if (tenantIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select id from metadata.tenants where id = any(?)")
                .param(tenantIds.toArray(String[]::new))
                .query(String.class)
                .list());
    }
}
