package io.uplink.metadata.tenant;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import io.uplink.metadata.apikey.ApiKeyGenerator;
import io.uplink.testsupport.identity.TestIdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MetadataServiceTest
class TenantRegistryApiTest {

    @Autowired
    MockMvc mvc;

    private final String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void adminCreatesATenantWithSettingsAndReadsItBack() throws Exception {
        createTenant(tenant, """
                {"id":"%s","name":"Acme","settings":{"maxObjectSize":1048576,"allowedContentTypes":["image/*"],
                 "rateLimit":{"requestsPerSecond":5,"burst":10},"corsOrigins":["https://app.example.com"]}}
                """.formatted(tenant))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/tenants/" + tenant).header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(tenant))
                .andExpect(jsonPath("$.status").value("active"))
                .andExpect(jsonPath("$.createdAt").exists())
                .andExpect(jsonPath("$.settings.maxObjectSize").value(1048576))
                .andExpect(jsonPath("$.settings.allowedContentTypes[0]").value("image/*"))
                .andExpect(jsonPath("$.settings.credentialTtlSeconds").value(900))
                .andExpect(jsonPath("$.settings.rateLimit.burst").value(10))
                .andExpect(jsonPath("$.settings.storageTarget").value("default"))
                .andExpect(jsonPath("$.settings.corsOrigins[0]").value("https://app.example.com"));
    }

    @Test
    void aTenantWithSeveralStoresKeepsItsRoutingAndRoutesAreChecked() throws Exception {
        createTenant(tenant, """
                {"id":"%s","name":"Acme","settings":{"storageTarget":"eu","storageTargets":["eu","bulk"],
                 "storageRoutes":[{"contentType":"video/*","minSize":1048576,"target":"bulk"}],"retentionDays":90}}
                """.formatted(tenant))
                .andExpect(status().isCreated());

        mvc.perform(get("/api/v1/tenants/" + tenant).header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(jsonPath("$.settings.storageTargets[1]").value("bulk"))
                .andExpect(jsonPath("$.settings.storageRoutes[0].contentType").value("video/*"))
                .andExpect(jsonPath("$.settings.storageRoutes[0].minSize").value(1048576))
                .andExpect(jsonPath("$.settings.storageRoutes[0].target").value("bulk"))
                .andExpect(jsonPath("$.settings.retentionDays").value(90));
        mvc.perform(put("/api/v1/tenants/" + tenant + "/settings").header(IdentityAssertion.HEADER, Identities.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"storageRoutes\":[{\"contentType\":\"video/*\"}]}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void creatingATenantTwiceConflicts() throws Exception {
        createTenant(tenant, "{\"id\":\"" + tenant + "\",\"name\":\"Acme\"}").andExpect(status().isCreated());
        createTenant(tenant, "{\"id\":\"" + tenant + "\",\"name\":\"Acme\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void rejectsAnInvalidTenantIdWithAProblem() throws Exception {
        createTenant("x", "{\"id\":\"Not/A Slug\",\"name\":\"Acme\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void answersUnauthorizedProblemWithoutAValidIdentity() throws Exception {
        mvc.perform(get("/api/v1/tenants"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401));
        mvc.perform(get("/api/v1/tenants").header(IdentityAssertion.HEADER, Identities.expiredAdmin()))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/tenants").header(IdentityAssertion.HEADER, Identities.admin() + "x"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void credentialServiceReadsOneTenantAndNothingElse() throws Exception {
        createTenant(tenant, "{\"id\":\"" + tenant + "\",\"name\":\"Acme\"}").andExpect(status().isCreated());
        String reader = Identities.credentialServiceAs(IdentityAssertion.ROLE_TENANT_READER);

        mvc.perform(get("/api/v1/tenants/" + tenant).header(IdentityAssertion.HEADER, reader))
                .andExpect(status().isOk()).andExpect(jsonPath("$.id").value(tenant));
        mvc.perform(get("/api/v1/tenants").header(IdentityAssertion.HEADER, reader))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/tenants/" + tenant + "/suspend").header(IdentityAssertion.HEADER, reader))
                .andExpect(status().isForbidden());
        mvc.perform(get("/internal/v1/api-keys/" + "0".repeat(64)).header(IdentityAssertion.HEADER, reader))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/admin-keys").header(IdentityAssertion.HEADER, reader))
                .andExpect(status().isForbidden());
    }

    @Test
    void credentialServiceCannotMintAnAdmin() throws Exception {
        // its key is trusted here, for tenant lookups only
        mvc.perform(get("/api/v1/tenants").header(IdentityAssertion.HEADER,
                        Identities.credentialServiceAs(IdentityAssertion.ROLE_ADMIN)))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(startsWith("identity assertion issuer 'credential' may not assert")));
        mvc.perform(get("/api/v1/tenants/" + tenant).header(IdentityAssertion.HEADER,
                        Identities.credentialServiceAs(IdentityAssertion.ROLE_TENANT_READER, IdentityAssertion.ROLE_ADMIN)))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void refusesAnAdminAssertionForAnotherServiceOrUnderAKeyNotTrustedForItsIssuer() throws Exception {
        String forCallback = TestIdentityKeys.fromGateway(IdentityAssertion.AUDIENCE_CALLBACK, null, "admin-user",
                List.of(IdentityAssertion.ROLE_ADMIN));
        String rogueGateway = TestIdentityKeys.rogue(IdentityAssertion.ISSUER_GATEWAY).sign(new IdentityAssertion(
                IdentityAssertion.ISSUER_GATEWAY, IdentityAssertion.AUDIENCE_METADATA, null, "admin-user",
                List.of(IdentityAssertion.ROLE_ADMIN), Instant.now().plusSeconds(30)));

        mvc.perform(get("/api/v1/tenants").header(IdentityAssertion.HEADER, forCallback))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("identity assertion is addressed to another service"));
        mvc.perform(get("/api/v1/tenants").header(IdentityAssertion.HEADER, rogueGateway))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("identity assertion signature does not verify"));
    }

    @Test
    void tenantsCannotUseTheAdminApi() throws Exception {
        mvc.perform(get("/api/v1/tenants/" + tenant).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void suspendsAndResumesATenant() throws Exception {
        createTenant(tenant, "{\"id\":\"" + tenant + "\",\"name\":\"Acme\"}").andExpect(status().isCreated());
        mvc.perform(post("/api/v1/tenants/" + tenant + "/suspend").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(jsonPath("$.status").value("suspended"));
        mvc.perform(post("/api/v1/tenants/" + tenant + "/resume").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(jsonPath("$.status").value("active"));
        mvc.perform(put("/api/v1/tenants/" + tenant + "/settings").header(IdentityAssertion.HEADER, Identities.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"credentialTtlSeconds\":60}"))
                .andExpect(jsonPath("$.settings.credentialTtlSeconds").value(60));
    }

    @Test
    void issuesKeysForTheConfiguredEnvironmentByDefaultSoTheGatewayAcceptsThem() throws Exception {
        createTenant(tenant, "{\"id\":\"" + tenant + "\",\"name\":\"Acme\"}").andExpect(status().isCreated());
        mvc.perform(post("/api/v1/tenants/" + tenant + "/api-keys").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.apiKey", startsWith("upk_local_")));
    }

    @Test
    void issuedKeyIsShownOnceStoredHashedResolvedForTheGatewayAndRevocable() throws Exception {
        createTenant(tenant, "{\"id\":\"" + tenant + "\",\"name\":\"Acme\"}").andExpect(status().isCreated());
        String issued = mvc.perform(post("/api/v1/tenants/" + tenant + "/api-keys")
                        .header(IdentityAssertion.HEADER, Identities.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"environment\":\"test\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.apiKey", startsWith("upk_test_")))
                .andReturn().getResponse().getContentAsString();
        Map<?, ?> body = EventJson.read(issued, Map.class);
        String apiKey = (String) body.get("apiKey");
        String keyId = (String) body.get("keyId");
        assertThat(apiKey).matches("upk_test_[0-9A-Za-z]{32}");

        mvc.perform(get("/api/v1/tenants/" + tenant + "/api-keys").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(jsonPath("$[0].keyId").value(keyId))
                .andExpect(jsonPath("$[0].apiKey").doesNotExist());

        String hash = ApiKeyGenerator.sha256Hex(apiKey);
        mvc.perform(get("/internal/v1/api-keys/" + hash).header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keyId").value(keyId))
                .andExpect(jsonPath("$.tenantId").value(tenant))
                .andExpect(jsonPath("$.keyStatus").value("active"))
                .andExpect(jsonPath("$.tenantStatus").value("active"))
                .andExpect(jsonPath("$.roles[0]").value("tenant"))
                .andExpect(jsonPath("$.settings.credentialTtlSeconds").value(900));
        mvc.perform(get("/internal/v1/api-keys/" + hash).header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isForbidden());

        mvc.perform(delete("/api/v1/tenants/" + tenant + "/api-keys/" + keyId)
                        .header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/internal/v1/api-keys/" + hash).header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(jsonPath("$.keyStatus").value("revoked"));
        mvc.perform(get("/internal/v1/api-keys/" + "0".repeat(64)).header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private ResultActions createTenant(String id, String json) throws Exception {
        return mvc.perform(post("/api/v1/tenants").header(IdentityAssertion.HEADER, Identities.admin())
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
