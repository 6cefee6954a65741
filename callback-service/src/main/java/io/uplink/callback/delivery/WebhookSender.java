package io.uplink.callback.delivery;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.uplink.callback.signing.WebhookSigner;
import io.uplink.callback.ssrf.HostResolver;
import io.uplink.callback.ssrf.ForbiddenTargetException;
import io.uplink.callback.ssrf.TargetPolicy;
import io.uplink.servlet.trace.RecordTracing;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * Sends one attempt: a Standard Webhooks POST over a non-blocking client that never follows redirects, refuses
 * forbidden addresses at connect time, reads at most 4 KiB of the response and gives up after the attempt
 * timeout however slowly the receiver dribbles.
 */
@Component
class WebhookSender implements DisposableBean {

    private static final String USER_AGENT = "Uplink-Webhooks/1.0";
    private static final String APPLICATION_JSON = "application/json";

    private final ConnectionProvider connections;
    private final HostResolverGroup resolver;
    private final HttpClient client;
    private final Duration attemptTimeout;
    private final Clock clock = Clock.systemUTC();

    WebhookSender(TargetPolicy policy, HostResolver hosts, DeliveryProperties properties) {
        this.attemptTimeout = properties.attemptTimeout();
        this.connections = ConnectionProvider.builder("webhooks")
                .maxConnections(Math.max(16, properties.maxConcurrency()))
                .pendingAcquireTimeout(properties.attemptTimeout())
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        this.resolver = new HostResolverGroup(hosts, properties.maxConcurrentDnsLookups(), properties.dnsTimeout());
        this.client = HttpClient.create(connections)
                // the resolver registration uses (the JDK's unless replaced); the guard below sees whatever it answers
                .resolver(resolver)
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(10_000, attemptTimeout.toMillis()))
                // no responseTimeout: the whole-attempt limit in attempt() covers it, and it cost a read-timeout
                // handler added to and removed from the pipeline, and one more timer, per attempt
                .doOnChannelInit((observer, channel, remoteAddress) ->
                        channel.pipeline().addFirst(ConnectGuard.NAME, new ConnectGuard(policy)));
    }

    /**
     * Never fails: every error becomes an {@link AttemptResult} with the reason.
     *
     * @param traceparent the attempt's span, sent as the request's {@code traceparent} header; null: none
     */
    Mono<AttemptResult> send(ClaimedDelivery delivery, String traceparent) {
        return Mono.defer(() -> attempt(delivery, traceparent, System.nanoTime()))
                .onErrorResume(error -> Mono.just(new AttemptResult(null, 0, null, describe(error))));
    }

    private Mono<AttemptResult> attempt(ClaimedDelivery delivery, String traceparent, long started) {
        Instant now = clock.instant();
        byte[] body = delivery.message().payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = now.getEpochSecond();
        String signature = WebhookSigner.signatureHeader(delivery.webhookId(), timestamp, body,
                delivery.keys().activeAt(now));
        // Headers are set on the request itself: HttpClient.headers(…) would copy the client's configuration for
        // every attempt.
        return client
                .post()
                .uri(URI.create(delivery.url()))
                .send((request, outbound) -> {
                    request.requestHeaders()
                            .set(WebhookSigner.ID_HEADER, delivery.webhookId())
                            .set(WebhookSigner.TIMESTAMP_HEADER, String.valueOf(timestamp))
                            .set(WebhookSigner.SIGNATURE_HEADER, signature)
                            .set(HttpHeaderNames.CONTENT_TYPE, APPLICATION_JSON)
                            .set(HttpHeaderNames.USER_AGENT, USER_AGENT);
                    if (traceparent != null) {
                        request.requestHeaders().set(RecordTracing.TRACEPARENT, traceparent);
                    }
                    return outbound.sendByteArray(Mono.just(body));
                })
                .response((response, content) -> {
                    ResponseSnippet snippet = new ResponseSnippet();
                    return content.asByteArray()
                            .takeUntil(snippet::append)
                            .then(Mono.fromSupplier(() -> new AttemptResult(response.status().code(),
                                    elapsedMillis(started), snippet.text(), null)));
                })
                .next()
                // The whole attempt, however slowly the receiver dribbles. take(Duration) rather than timeout(…):
                // the same one timer, without timeout(…)'s operator-chain description built for every attempt.
                .take(attemptTimeout)
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    long elapsed = elapsedMillis(started);
                    return new AttemptResult(null, elapsed, null,
                            elapsed >= attemptTimeout.toMillis() ? timedOut() : "no response");
                }))
                .onErrorResume(error -> Mono.just(
                        new AttemptResult(null, elapsedMillis(started), null, describe(error))));
    }

    private String timedOut() {
        return "timeout after " + attemptTimeout.toMillis() + " ms";
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    private String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ForbiddenTargetException) {
                return "blocked: " + cause.getMessage();
            }
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return timedOut();
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    @Override
    public void destroy() {
        connections.disposeLater().block(Duration.ofSeconds(5));
        resolver.close();
    }
}
