package io.uplink.bench.webhooks;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The baseline's load loop: the same kind of client callback-service delivers with (Reactor Netty, pooled, same
 * pool size and concurrency), posting signed Standard Webhooks requests straight at the receiver, no queue, no
 * database, no Kafka in between.
 */
final class DirectPoster implements AutoCloseable {

    /** A receiver endpoint and its secret key. */
    record Target(String url, byte[] key) {
    }

    private final ConnectionProvider connections;
    private final HttpClient client;

    DirectPoster(int maxConnections) {
        connections = ConnectionProvider.builder("bench-direct").maxConnections(maxConnections)
                .pendingAcquireTimeout(Duration.ofSeconds(15)).maxIdleTime(Duration.ofSeconds(30)).build();
        client = HttpClient.create(connections).followRedirect(false).responseTimeout(Duration.ofSeconds(15));
    }

    Mono<Integer> post(Target target, byte[] body) {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String signature = "v1," + FastReceiver.sign(target.key(), id, timestamp, body);
        return client
                .headers(headers -> headers
                        .set("webhook-id", id)
                        .set("webhook-timestamp", timestamp)
                        .set("webhook-signature", signature)
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(HttpHeaderNames.USER_AGENT, "Uplink-Bench/1.0"))
                .post()
                .uri(URI.create(target.url()))
                .send(ByteBufFlux.fromInbound(Mono.just(body)))
                .responseSingle((response, content) -> content.asByteArray().then(Mono.just(response.status().code())));
    }

    /** Posts {@code requests} webhooks round-robin over the targets, {@code concurrency} in flight; all must be 2xx. */
    long drive(List<Target> targets, byte[] body, int requests, int concurrency) {
        Long succeeded = Flux.range(0, requests)
                .flatMap(i -> post(targets.get(i % targets.size()), body), concurrency)
                .filter(status -> status / 100 == 2)
                .count()
                .block(Duration.ofSeconds(120));
        if (succeeded == null || succeeded != requests) {
            throw new IllegalStateException("only " + succeeded + " of " + requests + " direct posts got a 2xx");
        }
        return requests;
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
