package io.uplink.gateway.routing;

import io.uplink.contracts.identity.IdentityAssertion;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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

    static final String CREDENTIAL_SERVICE = "credential-service";

    @Bean
    RouteLocator uplinkRoutes(RouteLocatorBuilder routes, UpstreamProperties upstreams,
                              CircuitBreakerRegistry breakers, CircuitBreakerProperties breakerProperties,
                              StaleAnswers staleAnswers) {
        long connectMillis = upstreams.connectTimeout().toMillis();
        Function<String, GatewayFilter> failFast = routeId -> new OrderedGatewayFilter(
                new UpstreamCircuitBreakerFilter(routeId, breakers, breakerProperties, staleAnswers, false),
                UpstreamCircuitBreakerFilter.ORDER);
        Function<String, GatewayFilter> serveStale = routeId -> new OrderedGatewayFilter(
                new UpstreamCircuitBreakerFilter(routeId, breakers, breakerProperties, staleAnswers, true),
                UpstreamCircuitBreakerFilter.ORDER);
        return routes.routes()
                .route(RouteIds.CREDENTIAL, r -> r
                        .path("/api/v1/uploads/**", "/api/v1/downloads/**", "/api/v1/s3/**", "/api/v1/sts/**")
                        .filters(f -> retryConnectFailures(f.filter(failFast.apply(RouteIds.CREDENTIAL)),
                                upstreams.credentialInstances().size()))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.credentialTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .uri("lb://" + CREDENTIAL_SERVICE))
                .route(RouteIds.OSS_CALLBACK, r -> r
                        .path("/api/v1/oss/callback")
                        .filters(f -> retryConnectFailures(f.filter(failFast.apply(RouteIds.OSS_CALLBACK)),
                                upstreams.credentialInstances().size()))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.credentialTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .metadata(RouteIds.PUBLIC, true)
                        .uri("lb://" + CREDENTIAL_SERVICE))
                .route(RouteIds.FILES, r -> r
                        .path("/api/v1/files/**")
                        .filters(f -> f.filter(serveStale.apply(RouteIds.FILES)))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.metadataTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .uri(upstreams.metadataUrl()))
                .route(RouteIds.TENANTS, r -> r
                        .path("/api/v1/tenants/**", "/api/v1/tenants")
                        .filters(f -> f.filter(serveStale.apply(RouteIds.TENANTS)))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.metadataTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .metadata(RouteIds.REQUIRED_ROLE, IdentityAssertion.ROLE_ADMIN)
                        .uri(upstreams.metadataUrl()))
                .route(RouteIds.WEBHOOKS, r -> r
                        .path("/api/v1/webhooks/**", "/api/v1/webhooks")
                        .filters(f -> f.filter(failFast.apply(RouteIds.WEBHOOKS)))
                        .metadata(RESPONSE_TIMEOUT_ATTR, upstreams.callbackTimeout().toMillis())
                        .metadata(CONNECT_TIMEOUT_ATTR, connectMillis)
                        .uri(upstreams.callbackUrl()))
                .build();
    }

    /*
     * A refused connection means the request never reached the instance, so replaying it on another instance is
     * safe for any method. A connection that closed before any response (the instance died holding it) is replayed
     * too: credential minting is safe to repeat (a duplicate leaves at most an unused upload session, which
     * expires). Other I/O failures are replayed only for idempotent methods.
     */
    @SuppressWarnings("unchecked")
    private static GatewayFilterSpec retryConnectFailures(GatewayFilterSpec filters, int instances) {
        int retries = Math.max(2, instances + 1);
        return filters
                .retry(retry -> retry
                        .setRetries(retries)
                        .setSeries()
                        .setStatuses()
                        .setMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS)
                        .setExceptions(IOException.class)
                        .setBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2, false))
                .retry(retry -> retry
                        .setRetries(retries)
                        .setSeries()
                        .setStatuses()
                        .setMethods(HttpMethod.values())
                        .setExceptions(ConnectException.class, PrematureCloseException.class)
                        .setBackoff(Duration.ofMillis(5), Duration.ofMillis(50), 2, false));
    }
}
