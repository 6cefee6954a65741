package io.uplink.metadata.usage;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A tenant's usage counts what it holds (active and pending files, their bytes) and what arrived today, beside the
 * quotas its settings set; tenants see their own, admins and the quota-enforcing services any tenant's.
 */
@MetadataServiceTest
class UsageApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    private final String tenant = "use-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void tenantWithQuotas() throws Exception {
        mvc.perform(post("/api/v1/tenants").header(IdentityAssertion.HEADER, Identities.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + tenant + "\",\"name\":\"Usage\",\"settings\":{\"quotas\":"
                                + "{\"maxStoredBytes\":10000,\"maxUploadsPerDay\":50}}}"))
                .andExpect(status().isCreated());
        Instant today = Instant.now();
        Instant lastWeek = today.minus(7, ChronoUnit.DAYS);
        file("active", 100, lastWeek);
        file("active", 200, today);
        file("pending", 400, today);
        file("deleted", 800, today);
        file("rejected", 1600, today);
    }

    @Test
    void aTenantSeesWhatItHoldsWhatArrivedTodayAndItsQuotas() throws Exception {
        mvc.perform(get("/api/v1/usage").header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").value(tenant))
                .andExpect(jsonPath("$.storedBytes").value(700))
                .andExpect(jsonPath("$.files").value(3))
                .andExpect(jsonPath("$.uploadsToday").value(4))
                .andExpect(jsonPath("$.quotas.maxStoredBytes").value(10000))
                .andExpect(jsonPath("$.quotas.maxFiles").value(nullValue()))
                .andExpect(jsonPath("$.quotas.maxUploadsPerDay").value(50));
    }

    @Test
    void adminsAndTheEnforcingServiceReadAnyTenantsUsageAndTenantsOnlyTheirOwn() throws Exception {
        mvc.perform(get("/api/v1/usage").param("tenantId", tenant).header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.files").value(3));
        mvc.perform(get("/api/v1/tenants/" + tenant + "/usage")
                        .header(IdentityAssertion.HEADER, Identities.credentialServiceAs(IdentityAssertion.ROLE_TENANT_READER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.storedBytes").value(700));
        mvc.perform(get("/api/v1/usage").param("tenantId", "someone-else")
                        .header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/tenants/" + tenant + "/usage").header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/usage").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void quotasMustBePositive() throws Exception {
        mvc.perform(put("/api/v1/tenants/" + tenant + "/settings").header(IdentityAssertion.HEADER, Identities.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"quotas\":{\"maxFiles\":0}}"))
                .andExpect(status().isBadRequest());
    }

    private void file(String status, long size, Instant createdAt) {
        jdbc.sql("insert into metadata.files (id, tenant_id, bucket, object_key, size, status, source, created_at)"
                        + " values (?, ?, 'uplink-uploads', ?, ?, ?, 'client-complete', ?)")
                .params(UUID.randomUUID(), tenant, "tenants/" + tenant + "/" + UUID.randomUUID(), size, status,
                        java.time.OffsetDateTime.ofInstant(createdAt, java.time.ZoneOffset.UTC))
                .update();
    }
}
