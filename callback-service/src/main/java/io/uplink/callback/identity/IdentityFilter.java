package io.uplink.callback.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionCodec;
import io.uplink.contracts.identity.InvalidIdentityException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;

/**
 * Only the gateway is exposed, and it vouches for the caller with a signed {@code X-Uplink-Identity}. Every API
 * request without a valid one is refused with 401 before it reaches a controller; actuator and the OpenAPI
 * document are not under {@code /api}, so they stay open for the platform.
 */
public class IdentityFilter extends OncePerRequestFilter {

    public static final String ATTRIBUTE = "io.uplink.identity";

    private final IdentityAssertionCodec codec;
    private final JsonMapper json;

    /** @param codec null when no identity secret is configured: then every API request is refused */
    public IdentityFilter(IdentityAssertionCodec codec, JsonMapper json) {
        this.codec = codec;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IdentityAssertion identity;
        try {
            if (codec == null) {
                throw new InvalidIdentityException("this service has no identity secret configured");
            }
            identity = codec.verify(request.getHeader(IdentityAssertion.HEADER));
        } catch (InvalidIdentityException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
            problem.setTitle("Unauthorized");
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
            return;
        }
        request.setAttribute(ATTRIBUTE, identity);
        chain.doFilter(request, response);
    }
}
