package io.uplink.servlet.identity;

import io.uplink.contracts.identity.IdentityAssertionCodec;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that needs the secret does not start without it; one that does not starts and fails closed. */
class IdentitySecretTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withUserConfiguration(VerifiedIdentityConfiguration.class);

    @Test
    void aServiceThatNeedsTheSecretDoesNotStartWithoutIt() {
        runner.withBean(IdentityRoutes.class, () -> IdentityRoutes.guarding("/api/*"))
                .withPropertyValues("uplink.identity.secret=")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("uplink.identity.secret"));
    }

    @Test
    void aServiceThatStartsWithoutTheSecretRefusesEveryGuardedRequest() {
        runner.withBean(IdentityRoutes.class, () -> IdentityRoutes.guarding("/api/*").startingWithoutSecret())
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(IdentityAssertionCodec.class);
                    var filter = (IdentityFilter) context.getBean("identityFilter", FilterRegistrationBean.class)
                            .getFilter();
                    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/webhooks/endpoints");
                    MockHttpServletResponse response = new MockHttpServletResponse();
                    MockFilterChain chain = new MockFilterChain();

                    filter.doFilter(request, response, chain);

                    assertThat(response.getStatus()).isEqualTo(401);
                    assertThat(response.getContentAsString()).contains("no identity secret configured");
                    assertThat(chain.getRequest()).isNull();
                });
    }
}
