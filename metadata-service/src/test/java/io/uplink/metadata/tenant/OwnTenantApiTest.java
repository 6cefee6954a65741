package io.uplink.metadata.tenant;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.metadata.Identities;
import io.uplink.metadata.MetadataServiceTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.UUID;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A tenant reads its own settings and sets the origins its pages run on, without an admin. */
@MetadataServiceTest
class OwnTenantApiTest {

    @Autowired
    MockMvc mvc;

    private final String tenant = "own-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void createTenant() throws Exception {
        mvc.perform(post("/api/v1/tenants").header(IdentityAssertion.HEADER, Identities.admin())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"" + tenant + "\",\"name\":\"Own\",\"settings\":{\"credentialTtlSeconds\":120}}"))
                .andExpect(status().isCreated());
    }

    private ResultActions setOrigins(String identity, String body) throws Exception {
        return mvc.perform(put("/api/v1/tenant/cors-origins").header(IdentityAssertion.HEADER, identity)
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    @Test
    void aTenantSetsItsOwnOriginsAndKeepsItsOtherSettings() throws Exception {
        setOrigins(Identities.tenant(tenant), "{\"corsOrigins\":[\"https://app.example.com\",\"http://localhost:*\"]}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.corsOrigins[1]").value("http://localhost:*"));

        mvc.perform(get("/api/v1/tenant").header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(tenant))
                .andExpect(jsonPath("$.settings.corsOrigins[0]").value("https://app.example.com"))
                .andExpect(jsonPath("$.settings.credentialTtlSeconds").value(120));
        mvc.perform(get("/api/v1/tenant/cors-origins").header(IdentityAssertion.HEADER, Identities.tenant(tenant)))
                .andExpect(jsonPath("$.corsOrigins.length()").value(2));
    }

    @Test
    void refusesWhatIsNoOrigin() throws Exception {
        for (String bad : new String[]{"\"https://app.example.com/path\"", "\"javascript:alert(1)\"",
                "\"https://*.example.com\"", "\"http://localhost:*:*\""}) {
            setOrigins(Identities.tenant(tenant), "{\"corsOrigins\":[" + bad + "]}")
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    void anAdminWithoutATenantHasNoOwnTenant() throws Exception {
        setOrigins(Identities.admin(), "{\"corsOrigins\":[]}").andExpect(status().isForbidden());
    }
}
