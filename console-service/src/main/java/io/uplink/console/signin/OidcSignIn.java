package io.uplink.console.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextRepository;

import java.io.IOException;

/**
 * After the provider signed the user in: its access token becomes the session's credential, and the gateway decides
 * what it opens, exactly as for a pasted token. A token the gateway refuses ends the sign-in with the reason.
 */
final class OidcSignIn implements AuthenticationSuccessHandler {

    private final GatewayKeyAuthentication gateway;
    private final OAuth2AuthorizedClientRepository authorizedClients;
    private final SecurityContextRepository contexts;
    private final SignInFailure failure = new SignInFailure();

    OidcSignIn(GatewayKeyAuthentication gateway, OAuth2AuthorizedClientRepository authorizedClients,
               SecurityContextRepository contexts) {
        this.gateway = gateway;
        this.authorizedClients = authorizedClients;
        this.contexts = contexts;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException {
        OAuth2AuthenticationToken login = (OAuth2AuthenticationToken) authentication;
        OAuth2AuthorizedClient client = authorizedClients.loadAuthorizedClient(
                login.getAuthorizedClientRegistrationId(), login, request);
        try {
            Authentication signedIn = gateway.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    login.getName(), client.getAccessToken().getTokenValue()));
            // the provider's login is done with: only the console's own user stays in the session
            authorizedClients.removeAuthorizedClient(login.getAuthorizedClientRegistrationId(), login, request, response);
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(signedIn);
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            response.sendRedirect(request.getContextPath() + "/console/");
        } catch (AuthenticationException refused) {
            SecurityContextHolder.clearContext();
            contexts.saveContext(SecurityContextHolder.createEmptyContext(), request, response);
            failure.onAuthenticationFailure(request, response, refused);
        }
    }
}
