package io.uplink.gateway;

import org.springframework.cloud.gateway.filter.ReactiveLoadBalancerClientFilter;
import org.springframework.core.Ordered;

/**
 * The order of the gateway's own filters, in one place (lower runs first). Two chains: web filters run on every
 * request before a route is matched; global filters run on routed requests, around the call upstream, interleaved
 * with Spring Cloud Gateway's own (load balancer, routing, header filters).
 */
public final class FilterOrder {

    /* Web filters, before routing. */

    /** A request id for everything after, the error answers included. */
    public static final int REQUEST_ID = Ordered.HIGHEST_PRECEDENCE;
    /** A stopping gateway closes every connection after its answer, the refused ones included. */
    public static final int CONNECTION_CLOSE_WHILE_DRAINING = REQUEST_ID + 1;
    /** The upload token out of the path before anything logs or routes it. */
    public static final int UPLOAD_TOKEN_IN_PATH = CONNECTION_CLOSE_WHILE_DRAINING + 1;
    /** Times every request, the refused ones included. */
    public static final int ACCESS_LOG = UPLOAD_TOKEN_IN_PATH + 1;
    /** A request naming two hosts is refused (RFC 9112), whatever it asks for. */
    public static final int SINGLE_HOST = ACCESS_LOG + 1;
    /** Paths that decode to something else than they read (dot segments, encoded slashes) are refused first. */
    public static final int AMBIGUOUS_PATH = SINGLE_HOST + 1;
    /** CORS preflights are answered without credentials. */
    public static final int PREFLIGHT = AMBIGUOUS_PATH + 1;
    public static final int REQUEST_BODY_LIMIT = PREFLIGHT + 1;

    /* Global filters, on routed requests. */

    public static final int AUTHENTICATION = -500;
    /** After authentication (the tenant's origins), before rate limiting, so a browser can read a 429 too. */
    public static final int TENANT_CORS = AUTHENTICATION + 50;
    public static final int RATE_LIMIT = AUTHENTICATION + 100;
    public static final int UPSTREAM_CIRCUIT_BREAKER = -10;
    /** After authentication removed every client-sent {@code X-Uplink-*} header. */
    public static final int ORIGINAL_SCHEME = 0;
    /** Sees which credential-service instance the load balancer chose and how it answered. */
    public static final int INSTANCE_OUTCOME = ReactiveLoadBalancerClientFilter.LOAD_BALANCER_CLIENT_FILTER_ORDER + 1;
    /** Where Spring Cloud Gateway's hop-by-hop filter ran: last, after transfer-encoding normalisation. */
    public static final int UPSTREAM_HEADERS = Ordered.LOWEST_PRECEDENCE - 1;

    private FilterOrder() {
    }
}
