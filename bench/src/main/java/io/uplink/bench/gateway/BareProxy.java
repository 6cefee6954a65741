package io.uplink.bench.gateway;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;

/**
 * The cheapest proxy this stack can be: Reactor Netty (the gateway's own server and client) forwarding each request
 * as it came, over pooled keep-alive connections, and the answer as it came back. No authentication, no rate limit,
 * no routing, no observation, no access log. Run in the benchmark's own JVM, it shows what the extra hop alone
 * costs on this machine: the floor under any gateway's overhead, which no trimming of the gateway's features can
 * go below.
 */
final class BareProxy implements AutoCloseable {

    private final DisposableServer server;
    private final ConnectionProvider connections;

    private BareProxy(DisposableServer server, ConnectionProvider connections) {
        this.server = server;
        this.connections = connections;
    }

    static BareProxy forwardingTo(URI upstream, int maxConnections) {
        ConnectionProvider connections = ConnectionProvider.create("bare-proxy", maxConnections);
        HttpClient client = HttpClient.create(connections)
                .baseUrl("http://" + upstream.getHost() + ":" + upstream.getPort());
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle((request, response) -> client
                        .headers(headers -> copyEndToEnd(request.requestHeaders(), headers))
                        .request(request.method())
                        .uri(request.uri())
                        .send(request.receive().retain())
                        .response((answer, body) -> response
                                .status(answer.status())
                                .headers(copyEndToEnd(answer.responseHeaders(), response.responseHeaders()))
                                .send(body.retain())))
                .bindNow();
        return new BareProxy(server, connections);
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /* Each hop frames the body itself; Host is the client's own. */
    private static HttpHeaders copyEndToEnd(HttpHeaders from, HttpHeaders to) {
        to.set(from);
        to.remove(HttpHeaderNames.TRANSFER_ENCODING);
        to.remove(HttpHeaderNames.CONNECTION);
        to.remove(HttpHeaderNames.HOST);
        return to;
    }

    @Override
    public void close() {
        server.disposeNow();
        connections.disposeLater().block();
    }
}
