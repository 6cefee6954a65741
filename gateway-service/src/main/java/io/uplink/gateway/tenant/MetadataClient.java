package io.uplink.gateway.tenant;

import io.netty.channel.ChannelOption;
import io.uplink.contracts.identity.IdentityAssertion;
import io.uplink.contracts.identity.IdentityAssertionSigner;
import io.uplink.gateway.routing.Upstream;
import io.uplink.gateway.routing.UpstreamProperties;
import org.springframework.cloud.client.loadbalancer.reactive.ReactorLoadBalancerExchangeFilterFunction;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's own calls to metadata-service (key resolution, tenant settings), through the same load balancer as
 * the routes: each try waits at most {@code lookup-timeout}, and one that gets no answer is tried once more on the next
 * instance. That one retry is the only one: the client uses the load balancer without its own retrying filter, which
 * would multiply the tries. Signed as the gateway itself, for metadata-service, with the admin role
 * (docs/internal-contracts.md).
 */
@Component
public class MetadataClient {

    private static final String SUBJECT = "gateway-service";

    private final WebClient http;
    private final Duration timeout;
    private final IdentityAssertionSigner signer;
    private final Clock clock;

    public MetadataClient(UpstreamProperties upstreams, LoadBalancerClientFactory loadBalancers,
                          IdentityAssertionSigner signer, Clock clock) {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) upstreams.connectTimeout().toMillis())
                .responseTimeout(upstreams.lookupTimeout());
        this.http = WebClient.builder()
                .baseUrl("http://" + Upstream.METADATA.serviceId())
                .filter(new ReactorLoadBalancerExchangeFilterFunction(loadBalancers, List.of()))
                .clientConnector(new ReactorClientHttpConnector(client))
                .build();
        this.timeout = upstreams.lookupTimeout();
        this.signer = signer;
        this.clock = clock;
    }

    /** @return empty when metadata-service answers 404 */
    public <T> Mono<T> get(String path, Class<T> type, Object... uriVariables) {
        IdentityAssertion self = new IdentityAssertion(signer.issuer(), IdentityAssertion.AUDIENCE_METADATA, null,
                SUBJECT, List.of(IdentityAssertion.ROLE_ADMIN), clock.instant().plusSeconds(30));
        return Mono.defer(() -> http.get().uri(path, uriVariables)
                        .header(IdentityAssertion.HEADER, signer.sign(self))
                        .retrieve()
                        .bodyToMono(type)
                        .timeout(timeout))
                // an instance that does not answer in time (starting, overloaded, gone) gets one more try on the next
                .retryWhen(Retry.max(1).filter(MetadataClient::unanswered))
                .onErrorResume(WebClientResponseException.class,
                        e -> e.getStatusCode().value() == HttpStatus.NOT_FOUND.value() ? Mono.empty() : Mono.error(e));
    }

    private static boolean unanswered(Throwable error) {
        return error instanceof TimeoutException || error instanceof WebClientRequestException;
    }
}
