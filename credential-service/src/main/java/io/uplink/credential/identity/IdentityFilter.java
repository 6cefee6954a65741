package io.uplink.credential.identity;

import java.net.URI;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionCodec;
import io.uplink.contracts.identity.InvalidIdentityException;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.contracts.identity.UploadTokenCodec;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Rejects every API request without a valid gateway assertion before it reaches a controller. An uploader (an end
 * user with an upload token) must also bring the token the gateway verified, for the same tenant and subject, and
 * reaches the upload routes only: the gateway refuses the rest already, and this holds even if it did not.
 */
class IdentityFilter extends OncePerRequestFilter {

    private static final List<String> UPLOAD_PATHS = List.of("/api/v1/uploads", "/api/v1/s3/");

    private final IdentityAssertionCodec codec;
    private final UploadTokenCodec uploadTokens;
    private final RevokedUploadTokens revoked;

    IdentityFilter(IdentityAssertionCodec codec, UploadTokenCodec uploadTokens, RevokedUploadTokens revoked) {
        this.codec = codec;
        this.uploadTokens = uploadTokens;
        this.revoked = revoked;
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
        UploadToken uploadToken = null;
        if (assertion.roles().contains(IdentityAssertion.ROLE_UPLOADER)) {
            try {
                uploadToken = uploadTokens.verify(request.getHeader(UploadToken.HEADER));
            } catch (InvalidIdentityException e) {
                writeUnauthorized(response, e.getMessage(), request.getRequestURI());
                return;
            }
            if (!uploadToken.tenantId().equals(assertion.tenantId()) || !uploadToken.subject().equals(assertion.subject())) {
                writeUnauthorized(response, "upload token does not match the identity assertion", request.getRequestURI());
                return;
            }
            if (revoked.isRevoked(uploadToken.id())) {
                writeUnauthorized(response, "upload token revoked", request.getRequestURI());
                return;
            }
            if (UPLOAD_PATHS.stream().noneMatch(request.getRequestURI()::startsWith)) {
                write(response, HttpStatus.FORBIDDEN, "an upload token is accepted on the upload routes only",
                        request.getRequestURI());
                return;
            }
        }
        request.setAttribute(Caller.REQUEST_ATTRIBUTE, Caller.of(assertion, uploadToken));
        chain.doFilter(request, response);
    }

    private static void writeUnauthorized(HttpServletResponse response, String reason, String instance)
            throws IOException {
        write(response, HttpStatus.UNAUTHORIZED, reason, instance);
    }

    private static void write(HttpServletResponse response, HttpStatus status, String reason, String instance)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, reason);
        problem.setInstance(URI.create(instance));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(EventJson.writeString(problem));
    }
}
