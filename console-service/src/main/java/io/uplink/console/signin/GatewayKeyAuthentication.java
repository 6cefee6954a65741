package io.uplink.console.signin;

import io.uplink.console.gateway.GatewayApi;
import io.uplink.console.gateway.GatewayProblem;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * Signs a user in with what the gateway accepts: an admin API key, a tenant API key or an OIDC access token. The
 * gateway decides: a credential that reads its own tenant is a tenant's; one refused there that may list tenants is
 * an admin's; anything else is refused.
 */
@Component
class GatewayKeyAuthentication implements AuthenticationProvider {

    private final GatewayApi api;

    GatewayKeyAuthentication(GatewayApi api) {
        this.api = api;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        String credential = credentials == null ? "" : credentials.toString().trim();
        if (credential.isEmpty() || credential.length() > 8192 || !credential.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new BadCredentialsException("Enter an API key or an access token.");
        }
        ConsoleUser user = identify(credential);
        return UsernamePasswordAuthenticationToken.authenticated(user, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    }

    private ConsoleUser identify(String credential) {
        GatewayApi.As caller = api.with(credential);
        try {
            JsonNode tenant = caller.get("/api/v1/tenant");
            return new ConsoleUser(ConsoleUser.Role.TENANT, tenant.get("id").asString(), prefixOf(credential), credential);
        } catch (GatewayProblem problem) {
            if (problem.status() == 401) {
                throw new BadCredentialsException("The gateway does not accept this credential.");
            }
            if (problem.status() != 403) {
                throw new AuthenticationServiceException("Signing in is not possible right now: " + problem.getMessage());
            }
            if (problem.getMessage().contains("suspended")) {
                throw new DisabledException("This tenant is suspended.");
            }
        }
        try {
            caller.get("/api/v1/tenants?limit=1");
            return new ConsoleUser(ConsoleUser.Role.ADMIN, null, prefixOf(credential), credential);
        } catch (GatewayProblem problem) {
            if (problem.status() == 401 || problem.status() == 403) {
                throw new BadCredentialsException("This credential opens neither a tenant nor the admin console.");
            }
            throw new AuthenticationServiceException("Signing in is not possible right now: " + problem.getMessage());
        }
    }

    /** What pages show of a credential: an API key's environment and first characters, or a token's first ones. */
    static String prefixOf(String credential) {
        int environmentEnd = credential.startsWith("upk_") ? credential.indexOf('_', 4) : -1;
        int end = environmentEnd > 0 ? environmentEnd + 5 : 8;
        return credential.substring(0, Math.min(end, credential.length()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
