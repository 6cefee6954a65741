package io.uplink.servlet.limits;

import io.uplink.servlet.problem.ProblemResponseWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses a request body larger than the limit with a 413 problem: at once when its declared length says so, and
 * while it is read when it has none (chunked); see {@link io.uplink.servlet.problem.ApiProblemHandler} for the latter.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    public RequestBodyLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            ProblemResponseWriter.write(response, HttpStatus.CONTENT_TOO_LARGE,
                    "the request body is larger than " + maxBytes + " bytes", request.getRequestURI());
            return;
        }
        chain.doFilter(new LimitedBodyRequest(request, maxBytes), response);
    }
}
