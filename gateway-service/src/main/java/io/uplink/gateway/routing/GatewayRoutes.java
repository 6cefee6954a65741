package io.uplink.gateway.routing;

import io.uplink.contracts.identity.IdentityAssertion;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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

import java.io.IOException;
import java.net.ConnectException;
import reactor.netty.http.client.PrematureCloseException;
import java.time.Duration;
import java.util.function.Function;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

/** The public API surface: which paths go to which service, and how long each may take. */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    @Bean
    RouteLocator uplinkRoutes(RouteLocatorBuilder routes, UpstreamProperties upstreams,
                              CircuitBreakerRegistry breakers, CircuitBreakerProperties breakerProperties,
                              StaleAnswers staleAnswers) {
        long connectMillis = upstreams.connectTimeout().toMillis();
        int metadataInstances = upstreams.metadataInstances().size();
        int callbackInstances = upstreams.callbackInstances().size();
        Function<String, GatewayFilter> failFast = routeId -> new OrderedGatewayFilter(
                new UpstreamCircuitBreakerFilter(routeId, breakers, breakerProperties, staleAnswers, false),
                UpstreamCircuitBreakerFilter.ORDER);
        Function<String, GatewayFilter> serveStale = routeId -> new OrderedGatewayFilter(
                new UpstreamCircuitBreakerFilter(routeId, breakers, breakerProperties, staleAnswers, true),
                UpstreamCircuitBreakerFilter.ORDER);
        RouteLocatorBuilder.Builder api = routes.routes()
                .route(RouteIds.CREDENTIAL, r -> r
                        .path("/api/v1/uploads/**", "/api/v1/downloads/**", "/api/v1/s3/**", "/api/v1/sts/**",
                                "/api/v1/upload-tokens", "/api/v1/upload-tokens/**")
                        .filters(f -> retryConnectFailures(f.filter(failFast.apply(RouteIds.CREDENTIAL)),
                                upstreams.credentialInstances().size()))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.credentialTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .uri(Upstream.CREDENTIAL.loadBalanced()))
                .route(RouteIds.OSS_CALLBACK, r -> r
                        .path("/api/v1/oss/callback")
                        .filters(f -> retryConnectFailures(f.filter(failFast.apply(RouteIds.OSS_CALLBACK)),
                                upstreams.credentialInstances().size()))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.credentialTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .metadata(RouteIds.PUBLIC, true)
                        .uri(Upstream.CREDENTIAL.loadBalanced()))
                .route(RouteIds.FILES, r -> r
                        .path("/api/v1/files/**")
                        .filters(f -> retryUnsent(f.filter(serveStale.apply(RouteIds.FILES)), metadataInstances))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.metadataTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .uri(Upstream.METADATA.loadBalanced()))
                .route(RouteIds.TENANTS, r -> r
                        .path("/api/v1/tenants/**", "/api/v1/tenants")
                        .filters(f -> retryUnsent(f.filter(serveStale.apply(RouteIds.TENANTS)), metadataInstances))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.metadataTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .metadata(RouteIds.REQUIRED_ROLE, IdentityAssertion.ROLE_ADMIN)
                        .uri(Upstream.METADATA.loadBalanced()))
                .route(RouteIds.ADMIN_KEYS, r -> r
                        .path("/api/v1/admin-keys", "/api/v1/admin-keys/**")
                        .filters(f -> retryUnsent(f.filter(failFast.apply(RouteIds.ADMIN_KEYS)), metadataInstances))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.metadataTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .metadata(RouteIds.REQUIRED_ROLE, IdentityAssertion.ROLE_ADMIN)
                        .uri(Upstream.METADATA.loadBalanced()))
                .route(RouteIds.OWN_TENANT, r -> r
                        .path("/api/v1/tenant", "/api/v1/tenant/**")
                        .filters(f -> retryUnsent(f.filter(failFast.apply(RouteIds.OWN_TENANT)), metadataInstances))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.metadataTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .uri(Upstream.METADATA.loadBalanced()))
                .route(RouteIds.WEBHOOKS, r -> r
                        .path("/api/v1/webhooks/**", "/api/v1/webhooks")
                        .filters(f -> retryUnsent(f.filter(failFast.apply(RouteIds.WEBHOOKS)), callbackInstances))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.callbackTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .uri(Upstream.CALLBACK.loadBalanced()));
        if (upstreams.consoleUrl() != null) {
            // public at the gateway: the console's own sign-in and session guard it, and every API call it makes
            // comes back through the routes above with the signed-in user's credential
            api.route(RouteIds.CONSOLE, r -> r
                    .path("/console", "/console/**")
                    .filters(f -> f.filter(failFast.apply(RouteIds.CONSOLE)).filter(new OriginalSchemeFilter()))
                    .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.metadataTimeout().toMillis() + 5_000)
                    .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                    .metadata(RouteIds.PUBLIC, true)
                    .uri(upstreams.consoleUrl()));
        }
        return api.build();
    }

    /*
     * Every call on them is safe to repeat: minting again leaves at
     * most an unused session (it expires), completion, abort and the OSS callback are idempotent, signing and STS
     * hand out fresh credentials. So any I/O failure is replayed on another instance, whatever the method: a refused
     * connection (the request never arrived) and a connection closed or reset mid-request (the instance died
     * holding it; Netty reports a reset as a native IOException, not a PrematureCloseException). Timeouts are not
     * I/O failures and are not replayed.
     */
    /*
     * Metadata- and callback-service routes carry calls that are not all safe to repeat (creating a tenant, an API
     * key, an endpoint), so only what never reached an instance is replayed on another: a refused connection, as
     * from an instance that is stopping or gone, whatever the method; and reads (GET, HEAD) that failed on the way.
     */
    private static GatewayFilterSpec retryUnsent(GatewayFilterSpec filters, int instances) {
        int retries = Math.max(2, instances + 1);
        return filters
                .retry(retry -> retry
                        .setRetries(retries)
                        .setSeries()
                        .setStatuses()
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                        .setExceptions(IOException.class, PrematureCloseException.class)
                        .setBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2, false))
                .retry(retry -> retry
                        .setRetries(retries)
                        .setSeries()
                        .setStatuses()
                        .setMethods(HttpMethod.values())
                        .setExceptions(ConnectException.class)
                        .setBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2, false));
    }

    private static GatewayFilterSpec retryConnectFailures(GatewayFilterSpec filters, int instances) {
        int retries = Math.max(2, instances + 1);
        return filters
                .retry(retry -> retry
                        .setRetries(retries)
                        .setSeries()
                        .setStatuses()
                        .setMethods(HttpMethod.values())
                        .setExceptions(IOException.class, PrematureCloseException.class)
                        .setBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2, false));
    }
}
