package io.uplink.metadata.apikey;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@MetadataServiceTest
class AdminKeysApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AdminKeys keys;

    @Test
    void theFirstAdminKeyFromConfigurationIsRegisteredAtStartAndResolvesAsATenantlessAdmin() throws Exception {
        mvc.perform(get("/internal/v1/api-keys/" + ApiKeyGenerator.sha256Hex(MetadataServiceTest.FIRST_ADMIN_KEY))
                        .header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.tenantId").doesNotExist())
                .andExpect(jsonPath("$.roles[0]").value("admin"))
                .andExpect(jsonPath("$.roles.length()").value(1))
                .andExpect(jsonPath("$.settings").doesNotExist());
        assertThat(keys.list()).anySatisfy(key -> {
            assertThat(key.label()).isEqualTo(FirstAdminKey.LABEL);
            assertThat(key.keyPrefix()).isEqualTo("upk_local_Firs");
        });
    }

    @Test
    void aConfiguredFirstKeyIsIgnoredOnceAnyAdminKeyWasEverRegistered() {
        String another = ApiKeyGenerator.newKey("local");
        assertThat(keys.registerIfNoneEver(ApiKeyGenerator.newKeyId(), another, "later start")).isFalse();
        assertThat(keys.findByHash(ApiKeyGenerator.sha256Hex(another))).isEmpty();
    }

    @Test
    void aMalformedFirstKeyStopsTheServiceAtStartInsteadOfLeavingItWithoutAWayIn() {
        assertThatThrownBy(() -> new FirstAdminKey(keys, new ApiKeyProperties("local", "upk_live_" + "a".repeat(32))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UPLINK_FIRST_ADMIN_KEY");
        assertThatThrownBy(() -> new FirstAdminKey(keys, new ApiKeyProperties("local", "secret")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anIssuedAdminKeyIsShownOnceListedWithoutItAndResolvesAsAdmin() throws Exception {
        String body = mvc.perform(post("/api/v1/admin-keys").header(IdentityAssertion.HEADER, Identities.admin())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"label\":\"ops laptop\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.apiKey", startsWith("upk_local_")))
                .andExpect(jsonPath("$.label").value("ops laptop"))
                .andReturn().getResponse().getContentAsString();
        Map<?, ?> issued = EventJson.read(body, Map.class);
        String keyId = (String) issued.get("keyId");

        String listed = mvc.perform(get("/api/v1/admin-keys").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(listed).contains(keyId).doesNotContain((String) issued.get("apiKey"));

        mvc.perform(get("/internal/v1/api-keys/" + ApiKeyGenerator.sha256Hex((String) issued.get("apiKey")))
                        .header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(jsonPath("$.keyId").value(keyId))
                .andExpect(jsonPath("$.keyStatus").value("active"))
                .andExpect(jsonPath("$.roles[0]").value("admin"));
    }

    @Test
    void rotationIssuesASuccessorAndRevokesTheOldKeyButNeverTheLastActiveOne() throws Exception {
        String successor = (String) EventJson.read(mvc.perform(post("/api/v1/admin-keys")
                        .header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), Map.class).get("keyId");

        List<AdminKeys.AdminKey> others = keys.list().stream()
                .filter(key -> key.status().equals("active") && !key.keyId().equals(successor)).toList();
        for (AdminKeys.AdminKey old : others) {
            mvc.perform(delete("/api/v1/admin-keys/" + old.keyId()).header(IdentityAssertion.HEADER, Identities.admin()))
                    .andExpect(status().isNoContent());
        }
        mvc.perform(delete("/api/v1/admin-keys/" + successor).header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/internal/v1/api-keys/" + ApiKeyGenerator.sha256Hex(MetadataServiceTest.FIRST_ADMIN_KEY))
                        .header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(jsonPath("$.keyStatus").value("revoked"));
        mvc.perform(delete("/api/v1/admin-keys/key_unknown").header(IdentityAssertion.HEADER, Identities.admin()))
                .andExpect(status().isNotFound());
    }

    @Test
    void tenantsCannotSeeOrIssueAdminKeys() throws Exception {
        mvc.perform(get("/api/v1/admin-keys").header(IdentityAssertion.HEADER, Identities.tenant("acme")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/admin-keys").header(IdentityAssertion.HEADER, Identities.tenant("acme")))
                .andExpect(status().isForbidden());
    }
}
