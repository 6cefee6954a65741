package io.uplink.servlet.identity;

import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionCodec;
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
import java.util.Set;

/**
 * Only the gateway is exposed, and it vouches for the caller with a signed {@code X-Uplink-Identity}. Every guarded
 * request without a valid one is refused with a 401 problem before it reaches a controller; a verified one carries
 * its {@link Caller} in {@link Caller#REQUEST_ATTRIBUTE}.
 */
public class IdentityFilter extends OncePerRequestFilter {

    private final IdentityAssertionCodec codec;
    private final Set<String> exemptPaths;
    private final UploadTokenCheck uploadTokens;

    /**
     * @param codec null when no identity secret is configured: then every guarded request is refused
     * @param uploadTokens null when the service serves no uploaders
     */
    public IdentityFilter(IdentityAssertionCodec codec, Set<String> exemptPaths, UploadTokenCheck uploadTokens) {
        this.codec = codec;
        this.exemptPaths = Set.copyOf(exemptPaths);
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
        if (codec == null) {
            throw new InvalidIdentityException("this service has no identity secret configured");
        }
        IdentityAssertion assertion = codec.verify(request.getHeader(IdentityAssertion.HEADER));
        UploadToken uploadToken = null;
        if (uploadTokens != null && assertion.roles().contains(IdentityAssertion.ROLE_UPLOADER)) {
            uploadToken = uploadTokens.verify(assertion, request.getHeader(UploadToken.HEADER), request.getRequestURI());
        }
        return Caller.of(assertion, uploadToken);
    }
}
