package io.uplink.gateway.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.gateway.forwarding.OriginalSchemeFilter;
import io.uplink.gateway.resilience.CircuitBreakerProperties;
import io.uplink.gateway.resilience.StaleAnswers;
import io.uplink.gateway.resilience.UpstreamCircuitBreakerFilter;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import reactor.netty.http.client.PrematureCloseException;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

/** The public API surface, in one table: which paths go to which service, who may call them, how failures are met. */
@Configuration(proxyBeanMethods = false)
class GatewayRoutesConfiguration {

    /** When the upstream fails: answer at once, or serve the last good answer of the same request while it lasts. */
    enum OnFailure { FAIL_FAST, SERVE_STALE }

    /**
     * One route of the API.
     *
     * @param requiredRole the role a caller must hold; null for any authenticated caller
     * @param isPublic called by storage providers, not tenants (their signature is checked downstream)
     */
    record ApiRoute(String id, Upstream upstream, List<String> paths, OnFailure onFailure, String requiredRole,
                    boolean isPublic) {
    }

    static final List<ApiRoute> API = List.of(
            new ApiRoute(RouteIds.CREDENTIAL, Upstream.CREDENTIAL, List.of("/api/v1/uploads/**", "/api/v1/downloads/**",
                    "/api/v1/s3/**", "/api/v1/sts/**", "/api/v1/upload-tokens", "/api/v1/upload-tokens/**"),
                    OnFailure.FAIL_FAST, null, false),
            new ApiRoute(RouteIds.OSS_CALLBACK, Upstream.CREDENTIAL, List.of("/api/v1/oss/callback"),
                    OnFailure.FAIL_FAST, null, true),
            new ApiRoute(RouteIds.FILES, Upstream.METADATA, List.of("/api/v1/files/**"),
                    OnFailure.SERVE_STALE, null, false),
            new ApiRoute(RouteIds.TENANTS, Upstream.METADATA, List.of("/api/v1/tenants/**", "/api/v1/tenants"),
                    OnFailure.SERVE_STALE, IdentityAssertion.ROLE_ADMIN, false),
            new ApiRoute(RouteIds.ADMIN_KEYS, Upstream.METADATA, List.of("/api/v1/admin-keys", "/api/v1/admin-keys/**"),
                    OnFailure.FAIL_FAST, IdentityAssertion.ROLE_ADMIN, false),
            new ApiRoute(RouteIds.OWN_TENANT, Upstream.METADATA, List.of("/api/v1/tenant", "/api/v1/tenant/**"),
                    OnFailure.FAIL_FAST, null, false),
            new ApiRoute(RouteIds.USAGE, Upstream.METADATA, List.of("/api/v1/usage"),
                    OnFailure.FAIL_FAST, null, false),
            new ApiRoute(RouteIds.WEBHOOKS, Upstream.CALLBACK, List.of("/api/v1/webhooks/**", "/api/v1/webhooks"),
                    OnFailure.FAIL_FAST, null, false));

    @Bean
    RouteLocator uplinkRoutes(RouteLocatorBuilder routes, UpstreamProperties upstreams,
                              CircuitBreakerRegistry breakers, CircuitBreakerProperties breakerProperties,
                              StaleAnswers staleAnswers) {
        long connectMillis = upstreams.connectTimeout().toMillis();
        RouteLocatorBuilder.Builder api = routes.routes();
        for (ApiRoute route : API) {
            GatewayFilter breaker = breaker(route.id(), route.onFailure() == OnFailure.SERVE_STALE, breakers,
                    breakerProperties, staleAnswers);
            int instances = upstreams.instancesOf(route.upstream()).size();
            api.route(route.id(), r -> {
                var spec = r.path(route.paths().toArray(String[]::new))
                        .filters(f -> retries(f.filter(breaker), route.upstream(), instances))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.timeoutOf(route.upstream()).toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis);
                if (route.requiredRole() != null) {
                    spec = spec.metadata(RouteIds.REQUIRED_ROLE, route.requiredRole());
                }
                if (route.isPublic()) {
                    spec = spec.metadata(RouteIds.PUBLIC, true);
                }
                return spec.uri(route.upstream().loadBalanced());
            });
        }
        if (upstreams.consoleUrl() != null) {
            // public at the gateway: the console's own sign-in and session guard it, and every API call it makes
            // comes back through the routes above with the signed-in user's credential
            GatewayFilter breaker = breaker(RouteIds.CONSOLE, false, breakers, breakerProperties, staleAnswers);
            api.route(RouteIds.CONSOLE, r -> r
                    .path("/console", "/console/**")
                    .filters(f -> f.filter(breaker).filter(new OriginalSchemeFilter()))
                    .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.metadataTimeout().toMillis() + 5_000)
                    .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                    .metadata(RouteIds.PUBLIC, true)
                    .uri(upstreams.consoleUrl()));
        }
        return api.build();
    }

    private static GatewayFilter breaker(String routeId, boolean serveStale, CircuitBreakerRegistry breakers,
                                         CircuitBreakerProperties properties, StaleAnswers staleAnswers) {
        return new OrderedGatewayFilter(
                new UpstreamCircuitBreakerFilter(routeId, breakers, properties, staleAnswers, serveStale),
                UpstreamCircuitBreakerFilter.ORDER);
    }

    /*
     * What is replayed on another instance. Every call to credential-service is safe to repeat: minting again leaves
     * at most an unused session (it expires), completion, abort and the OSS callback are idempotent, signing and STS
     * hand out fresh credentials. So any I/O failure is replayed, whatever the method: a refused connection (the
     * request never arrived) and a connection closed or reset mid-request (the instance died holding it; Netty
     * reports a reset as a native IOException, not a PrematureCloseException).
     * Metadata- and callback-service carry calls that are not all safe to repeat (creating a tenant, an API key, an
     * endpoint), so only what never reached an instance is replayed: a refused connection, as from an instance that
     * is stopping or gone, whatever the method; and reads (GET, HEAD) that failed on the way.
     * Timeouts are not I/O failures and are never replayed.
     */
    private static GatewayFilterSpec retries(GatewayFilterSpec filters, Upstream upstream, int instances) {
        if (upstream == Upstream.CREDENTIAL) {
            return retryOn(filters, instances, HttpMethod.values(), IOException.class, PrematureCloseException.class);
        }
        return retryOn(retryOn(filters, instances, new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD},
                        IOException.class, PrematureCloseException.class),
                instances, HttpMethod.values(), ConnectException.class);
    }

    @SafeVarargs
    private static GatewayFilterSpec retryOn(GatewayFilterSpec filters, int instances, HttpMethod[] methods,
                                             Class<? extends Throwable>... failures) {
        return filters.retry(retry -> retry
                .setRetries(Math.max(2, instances + 1))
                .setSeries()
                .setStatuses()
                .setMethods(methods)
                .setExceptions(failures)
                .setBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2, false));
    }
}
