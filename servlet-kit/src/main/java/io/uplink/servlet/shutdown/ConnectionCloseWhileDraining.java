package io.uplink.servlet.shutdown;

import io.uplink.service.shutdown.ShutdownDrain;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** While the service drains, every response tells the client to close its connection (the server closes it too). */
final class ConnectionCloseWhileDraining extends OncePerRequestFilter {

    private final ShutdownDrain drain;

    ConnectionCloseWhileDraining(ShutdownDrain drain) {
        this.drain = drain;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (drain.isDraining()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        chain.doFilter(request, response);
    }
}
