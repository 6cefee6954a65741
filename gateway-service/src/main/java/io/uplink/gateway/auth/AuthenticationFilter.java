package io.uplink.gateway.auth;

import io.uplink.gateway.FilterOrder;
import io.uplink.gateway.identity.Caller;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.contracts.identity.UploadToken;
import io.uplink.gateway.problem.GatewayProblemException;
import io.uplink.gateway.routing.RouteIds;
import io.uplink.gateway.routing.Upstream;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * The edge of trust: removes every client-supplied {@code X-Uplink-*} header, authenticates the bearer credential
 * (API key, OIDC token, or an end user's upload token), enforces the route's role, and forwards a signed,
 * short-lived identity assertion addressed to the route's upstream service (for an upload token, the verified token
 * beside it).
 */
@Component
public class AuthenticationFilter implements GlobalFilter, Ordered {

    public static final int ORDER = FilterOrder.AUTHENTICATION;
    private static final String IDENTITY_HEADER_PREFIX = "x-uplink-";
    private static final String BEARER = "bearer ";

    private final ApiKeyAuthenticator apiKeys;
    private final JwtAuthenticator jwts;
    private final UploadTokenAuthenticator uploadTokens;
    private final SignedAssertions assertions;
    private final AuthenticationFailureLimit failureLimit;
    private final ClientAddresses clientAddresses;

    public AuthenticationFilter(ApiKeyAuthenticator apiKeys, JwtAuthenticator jwts,
                                UploadTokenAuthenticator uploadTokens, IdentityAssertionSigner signer,
                                AuthenticationProperties properties, Clock clock,
                                AuthenticationFailureLimit failureLimit,
                                AuthenticationFailureLimitProperties failureLimitProperties) {
        this.failureLimit = failureLimit;
        this.clientAddresses = new ClientAddresses(failureLimitProperties.trustedProxies());
        this.apiKeys = apiKeys;
        this.jwts = jwts;
        this.uploadTokens = uploadTokens;
        this.assertions = new SignedAssertions(signer, clock, properties.assertionTtl());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return Mono.defer(() -> authenticateAndForward(exchange, chain));
    }

    private Mono<Void> authenticateAndForward(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        if (route != null && Boolean.TRUE.equals(route.getMetadata().get(RouteIds.PUBLIC))) {
            return chain.filter(exchange.mutate()
                    .request(request -> request.headers(AuthenticationFilter::removeIdentityHeaders))
                    .build());
        }
        String client = clientAddresses.of(exchange.getRequest());
        // one credential or none: with two, which one counts would be a guess
        boolean ambiguous = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION).size() > 1;
        String token = ambiguous ? null : bearerToken(exchange.getRequest().getHeaders());
        Optional<Duration> refusal = failureLimit.refusal(client);
        if (refusal.isPresent() && !costsNothingToVerify(token)) {
            throw tooManyFailures(refusal.get());
        }
        // deferred so that a credential refused while being parsed counts as a failure too
        Mono<Caller> caller = Mono.defer(() -> ambiguous ? Mono.error(unauthorized("more than one Authorization header"))
                : token == null ? Mono.error(unauthorized("missing bearer credential"))
                : token.startsWith(ApiKey.PREFIX) ? apiKeys.authenticate(token)
                : token.startsWith(UploadToken.PREFIX)
                        ? uploadTokens.authenticate(token, exchange.getRequest().getPath().value())
                : JwtAuthenticator.looksLikeJwt(token) ? jwts.authenticate(token)
                : Mono.error(unauthorized("unrecognised bearer credential")));
        return caller.doOnError(error -> countFailure(client, error)).flatMap(authenticated -> {
            requireRole(route, authenticated);
            exchange.getAttributes().put(Caller.ATTRIBUTE, authenticated);
            String assertion = assertions.forCaller(authenticated, audienceOf(route));
            // one mutation (each copies every request header): spoofed identity headers out, the assertion in
            ServerWebExchange identified = exchange.mutate()
                    .request(request -> request.headers(headers -> {
                        removeIdentityHeaders(headers);
                        headers.set(IdentityAssertion.HEADER, assertion);
                        if (authenticated.uploadToken() != null) {
                            headers.set(UploadToken.HEADER, token);
                        }
                        // the credential stops here: services trust the assertion, and a leaked upstream log
                        // must not leak a tenant's key
                        headers.remove(HttpHeaders.AUTHORIZATION);
                    }))
                    .build();
            return chain.filter(identified);
        });
    }

    private static void requireRole(Route route, Caller caller) {
        Object required = route == null ? null : route.getMetadata().get(RouteIds.REQUIRED_ROLE);
        if (required != null && !caller.hasRole(required.toString())) {
            throw new GatewayProblemException(HttpStatus.FORBIDDEN, "Forbidden", "this route requires the " + required + " role");
        }
    }

    /**
     * The service an assertion is for: the route's upstream ({@code lb://credential-service} is {@code credential}),
     * so that one signed for one service is refused by every other.
     */
    static String audienceOf(Route route) {
        if (route == null || !"lb".equals(route.getUri().getScheme())) {
            throw new IllegalStateException("an authenticated route must lead to an upstream service");
        }
        return switch (Upstream.ofServiceId(route.getUri().getHost())) {
            case CREDENTIAL -> IdentityAssertion.AUDIENCE_CREDENTIAL;
            case METADATA -> IdentityAssertion.AUDIENCE_METADATA;
            case CALLBACK -> IdentityAssertion.AUDIENCE_CALLBACK;
        };
    }

    private static void removeIdentityHeaders(HttpHeaders headers) {
        List<String> spoofed = new ArrayList<>(0);
        for (String name : headers.headerNames()) {
            if (name.regionMatches(true, 0, IDENTITY_HEADER_PREFIX, 0, IDENTITY_HEADER_PREFIX.length())) {
                spoofed.add(name);
            }
        }
        spoofed.forEach(headers::remove);
    }

    /** The bearer credential, or null if there is none. */
    private static String bearerToken(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).trim();
    }

    /**
     * Credentials verified without a lookup or a fetch are verified even for a client past its failure budget, so
     * that clients sharing its address (behind one NAT or proxy) keep working: a missing credential, an upload
     * token (its signature alone) and an API key whose resolution is cached. The budget guards the rest: API keys
     * that need a registry lookup and JWTs (whose unknown key ids cost a JWKS fetch).
     */
    private boolean costsNothingToVerify(String token) {
        return token == null || token.startsWith(UploadToken.PREFIX)
                || token.startsWith(ApiKey.PREFIX) && apiKeys.resolvesWithoutLookup(token);
    }

    /** A refused credential (401) counts against its client; a suspended tenant or an outage does not. */
    private void countFailure(String client, Throwable error) {
        if (error instanceof GatewayProblemException problem && problem.status() == HttpStatus.UNAUTHORIZED) {
            failureLimit.recordFailure(client);
        }
    }

    private static GatewayProblemException tooManyFailures(Duration wait) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
        return new GatewayProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
                "too many failed authentications from this client; retry later", headers);
    }

    static GatewayProblemException unauthorized(String detail) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        return new GatewayProblemException(HttpStatus.UNAUTHORIZED, "Unauthorized", detail, headers);
    }
}
