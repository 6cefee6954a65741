package io.uplink.servlet.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionVerifier;
import io.uplink.contracts.identity.InvalidIdentityException;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.servlet.problem.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Only the gateway is exposed, and it vouches for the caller with a signed {@code X-Uplink-Identity} addressed to this
 * service. Every guarded request without a valid one is refused with a 401 problem before it reaches a controller, as
 * is one from another issuer asserting a role the service does not hear from it; a verified one carries its
 * {@link Caller} in {@link Caller#REQUEST_ATTRIBUTE}.
 */
public class IdentityFilter extends OncePerRequestFilter {

    private final IdentityAssertionVerifier verifier;
    private final Set<String> exemptPaths;
    private final Map<String, Set<String>> otherIssuers;
    private final UploadTokenCheck uploadTokens;

    /**
     * @param verifier null when no trusted keys are configured: then every guarded request is refused
     * @param otherIssuers the roles each issuer other than the gateway may assert here
     * @param uploadTokens null when the service serves no uploaders
     */
    public IdentityFilter(IdentityAssertionVerifier verifier, Set<String> exemptPaths,
                          Map<String, Set<String>> otherIssuers, UploadTokenCheck uploadTokens) {
        this.verifier = verifier;
        this.exemptPaths = Set.copyOf(exemptPaths);
        this.otherIssuers = Map.copyOf(otherIssuers);
        this.uploadTokens = uploadTokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return exemptPaths.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Caller caller;
        try {
            caller = verify(request);
        } catch (InvalidIdentityException e) {
            ProblemResponseWriter.write(response, HttpStatus.UNAUTHORIZED, e.getMessage(), request.getRequestURI());
            return;
        } catch (UploaderOutOfBoundsException e) {
            ProblemResponseWriter.write(response, HttpStatus.FORBIDDEN, e.getMessage(), request.getRequestURI());
            return;
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, caller);
        chain.doFilter(request, response);
    }

    private Caller verify(HttpServletRequest request) {
        if (verifier == null) {
            throw new InvalidIdentityException("this service has no trusted identity keys configured");
        }
        IdentityAssertion assertion = verifier.verify(request.getHeader(IdentityAssertion.HEADER));
        if (!IdentityAssertion.ISSUER_GATEWAY.equals(assertion.issuer())) {
            Set<String> allowed = otherIssuers.getOrDefault(assertion.issuer(), Set.of());
            if (assertion.roles().isEmpty() || !allowed.containsAll(assertion.roles())) {
                throw new InvalidIdentityException("identity assertion issuer '" + assertion.issuer()
                        + "' may not assert these roles to this service");
            }
        }
        UploadToken uploadToken = null;
        if (uploadTokens != null && assertion.roles().contains(IdentityAssertion.ROLE_UPLOADER)) {
            uploadToken = uploadTokens.verify(assertion, request.getHeader(UploadToken.HEADER), request.getRequestURI());
        }
        return Caller.of(assertion, uploadToken);
    }
}
