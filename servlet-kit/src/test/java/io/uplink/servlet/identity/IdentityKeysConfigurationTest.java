package io.uplink.servlet.identity;

import io.uplink.contracts.identity.IdentityAssertionVerifier;
import io.uplink.contracts.identity.IdentityKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that needs trusted keys does not start without them; one that does not starts and fails closed; a
 * malformed key stops any service's start.
 */
class IdentityKeysConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(VerifiedIdentityConfiguration.class)
            .withPropertyValues("uplink.identity.name=metadata");

    @Test
    void aServiceThatNeedsTrustedKeysDoesNotStartWithoutThem() {
        runner.withBean(IdentityRoutes.class, () -> IdentityRoutes.guarding("/api/*"))
                .withPropertyValues("uplink.identity.trusted-keys=")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("UPLINK_IDENTITY_TRUSTED_KEYS"));
    }

    @Test
    void aMalformedOrShortKeyStopsTheStartWithAClearMessage() {
        String truncated = IdentityKeys.encode(IdentityKeys.generate().getPublic()).substring(0, 30);
        runner.withBean(IdentityRoutes.class, () -> IdentityRoutes.guarding("/api/*").startingWithoutKeys())
                .withPropertyValues("uplink.identity.trusted-keys=gateway=" + truncated)
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("UPLINK_IDENTITY_TRUSTED_KEYS")
                        .hasMessageContaining("trusted identity key of 'gateway' is not a base64 X.509 Ed25519 key"));
    }

    @Test
    void aServiceThatStartsWithoutTrustedKeysRefusesEveryGuardedRequest() {
        runner.withBean(IdentityRoutes.class, () -> IdentityRoutes.guarding("/api/*").startingWithoutKeys())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(IdentityAssertionVerifier.class);
                    var filter = (IdentityFilter) context.getBean("identityFilter", FilterRegistrationBean.class)
                            .getFilter();
                    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/webhooks/endpoints");
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    MockFilterChain chain = new MockFilterChain();

                    filter.doFilter(request, response, chain);

                    assertThat(response.getStatus()).isEqualTo(401);
                    assertThat(response.getContentAsString()).contains("no trusted identity keys configured");
                    assertThat(chain.getRequest()).isNull();
                });
    }
}
