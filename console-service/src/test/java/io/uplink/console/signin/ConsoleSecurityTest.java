package io.uplink.console.signin;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What guards the console before any page runs: sign-in first, roles per area, CSRF on every form, headers that
 * keep pages from being framed or running foreign scripts. (The pages themselves are tested in Chromium against
 * the running suite, in acceptance-tests.)
 */
@SpringBootTest(properties = "uplink.console.gateway-url=http://127.0.0.1:9")
@AutoConfigureMockMvc
class ConsoleSecurityTest {

    private static final ConsoleUser TENANT = new ConsoleUser(ConsoleUser.Role.TENANT, "acme", "upk_live_abcd",
            "upk_live_abcdSECRETSECRETSECRETSECRETSECR");

    @Autowired
    MockMvc mvc;

    private static UsernamePasswordAuthenticationToken signedIn(ConsoleUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }

    @Test
    void everyPageButSignInSendsAnAnonymousVisitorToSignIn() throws Exception {
        mvc.perform(get("/console/tenant/files")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/sign-in"));
        mvc.perform(get("/console/admin/tenants")).andExpect(status().isFound());
        mvc.perform(get("/console/sign-in")).andExpect(status().isOk());
    }

    @Test
    void aTenantCannotOpenAdminPages() throws Exception {
        mvc.perform(get("/console/admin/tenants").with(authentication(signedIn(TENANT))))
                .andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/console/forbidden"));
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenIsRefusedBeforeAnyApiCall() throws Exception {
        mvc.perform(post("/console/tenant/files/00000000-0000-0000-0000-000000000000/delete")
                        .with(authentication(signedIn(TENANT))))
                .andExpect(status().isForbidden());
        mvc.perform(post("/console/sign-in").param("credential", "upk_live_x"))
                .andExpect(status().isForbidden());
    }

    @Test
    void signingInWhileTheGatewayIsUnreachableSaysSoWithoutLeakingTheCredential() throws Exception {
        mvc.perform(post("/console/sign-in").param("credential", "upk_live_" + "a".repeat(32)).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/sign-in?failed"))
                .andExpect(header().string("Location", org.hamcrest.Matchers.not(containsString("upk_live"))));
    }

    @Test
    void pagesCannotBeFramedNorRunForeignScripts() throws Exception {
        mvc.perform(get("/console/sign-in"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")));
    }

    @Test
    void theSignedInUserNeverPrintsItsCredential() {
        assertThat(TENANT.toString()).doesNotContain("SECRET").contains("acme");
    }
}
