package io.uplink.metadata.identity;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionCodec;
import io.uplink.contracts.identity.InvalidIdentityException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * API requests are served only with a valid identity assertion from the gateway; the verified caller is handed
 * to controllers as the request attribute {@link #CALLER}.
 */
public class IdentityAssertionFilter extends OncePerRequestFilter {

    public static final String CALLER = "uplink.caller";

    private final IdentityAssertionCodec codec;

    public IdentityAssertionFilter(IdentityAssertionCodec codec) {
        this.codec = codec;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IdentityAssertion caller;
        try {
            caller = codec.verify(request.getHeader(IdentityAssertion.HEADER));
        } catch (InvalidIdentityException e) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", "Unauthorized");
            problem.put("status", HttpServletResponse.SC_UNAUTHORIZED);
            problem.put("detail", e.getMessage());
            problem.put("instance", request.getRequestURI());
            response.getOutputStream().write(EventJson.write(problem));
            return;
        }
        request.setAttribute(CALLER, caller);
        chain.doFilter(request, response);
    }
}
