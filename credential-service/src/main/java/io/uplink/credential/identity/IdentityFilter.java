package io.uplink.credential.identity;

import java.net.URI;
import io.uplink.contracts.EventJson;
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

import java.io.IOException;

/** Rejects every API request without a valid gateway assertion before it reaches a controller. */
class IdentityFilter extends OncePerRequestFilter {

    private final IdentityAssertionCodec codec;

    IdentityFilter(IdentityAssertionCodec codec) {
        this.codec = codec;
    }

    /** OSS calls its callback without a tenant identity; that endpoint verifies OSS's own signature instead. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return "/api/v1/oss/callback".equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IdentityAssertion assertion;
        try {
            assertion = codec.verify(request.getHeader(IdentityAssertion.HEADER));
        } catch (InvalidIdentityException e) {
            writeUnauthorized(response, e.getMessage(), request.getRequestURI());
            return;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, Caller.of(assertion));
        chain.doFilter(request, response);
    }

    private static void writeUnauthorized(HttpServletResponse response, String reason, String instance)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, reason);
        problem.setInstance(URI.create(instance));
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(EventJson.writeString(problem));
    }
}
