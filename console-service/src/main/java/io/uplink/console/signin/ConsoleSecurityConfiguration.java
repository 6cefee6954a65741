package io.uplink.console.signin;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sessions, not tokens, in the browser: sign-in with a credential checked by the gateway (typed in, or the access
 * token of the company's OpenID Connect provider after its sign-in), an HttpOnly SameSite=Lax session cookie scoped
 * to {@code /console} (Lax so the provider's redirect back carries it; Secure whenever the request came over TLS),
 * CSRF tokens on every form and script call, and pages that cannot be framed or run scripts from elsewhere.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self' http: https:; frame-ancestors 'none'; form-action 'self'; "
            + "base-uri 'none'; object-src 'none'";

    @Bean
    SecurityFilterChain console(HttpSecurity http, GatewayKeyAuthentication keys,
                                ObjectProvider<ClientRegistrationRepository> oidcClients) throws Exception {
        // one place for the session's user, shared by key sign-in and the provider's sign-in
        SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
        http.securityMatcher("/console/**")
                .securityContext(context -> context.securityContextRepository(contexts))
                .authenticationProvider(keys)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/sign-in", "/console/assets/**").permitAll()
                        .requestMatchers("/console/admin/**").hasRole("ADMIN")
                        .requestMatchers("/console/tenant/**").hasRole("TENANT")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/console/sign-in")
                        .loginProcessingUrl("/console/sign-in")
                        .passwordParameter("credential")
                        .defaultSuccessUrl("/console/", true)
                        .failureHandler(new SignInFailure())
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/console/sign-out")
                        .logoutSuccessUrl("/console/sign-in?signedOut")
                        .deleteCookies(SessionCookie.NAME))
                .exceptionHandling(errors -> errors.accessDeniedPage("/console/forbidden"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        ClientRegistrationRepository registrations = oidcClients.getIfAvailable();
        if (registrations != null) {
            OAuth2AuthorizedClientRepository authorizedClients = new HttpSessionOAuth2AuthorizedClientRepository();
            http.oauth2Login(login -> login
                    .loginPage("/console/sign-in")
                    .clientRegistrationRepository(registrations)
                    .authorizedClientRepository(authorizedClients)
                    .authorizationEndpoint(authorization -> authorization.baseUri("/console/oauth2/authorization"))
                    .redirectionEndpoint(redirection -> redirection.baseUri("/console/login/oauth2/code/*"))
                    .successHandler(new OidcSignIn(keys, authorizedClients, contexts))
                    .failureHandler(new SignInFailure()));
        }
        return http.build();
    }

    /** Everything outside the console (actuator on this port) is not the console's to guard; it is never routed. */
    @Bean
    SecurityFilterChain management(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
