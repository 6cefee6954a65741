package io.uplink.acceptance;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

/**
 * Several gateways as a client behind a load balancer reaches them: each call goes to the next gateway in turn, and a
 * call whose connection is refused (a gateway stopping or gone: the request never left the client) goes to the next
 * one at once, as a load balancer's health-checked pool would send it. Everything else — an answer of any status, a
 * connection dropped after the request was sent — is the caller's to see. Counts calls answered per gateway.
 */
final class GatewayPool implements GatewayCalls {

    private final List<String> urls;
    private final List<Gateway> gateways;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicIntegerArray answered;

    GatewayPool(List<String> urls, String apiKey) {
        this.urls = List.copyOf(urls);
        this.gateways = urls.stream().map(url -> new Gateway(url, () -> apiKey)).toList();
        this.answered = new AtomicIntegerArray(urls.size());
    }

    @Override
    public Gateway.Answer call(Function<Gateway, Gateway.Answer> request) {
        int first = Math.floorMod(next.getAndIncrement(), gateways.size());
        UncheckedIOException refusal = null;
        for (int i = 0; i < gateways.size(); i++) {
            int chosen = (first + i) % gateways.size();
            try {
                Gateway.Answer answer = request.apply(gateways.get(chosen));
                answered.incrementAndGet(chosen);
                return answer;
            } catch (UncheckedIOException e) {
                if (!isRefused(e)) {
                    throw e;
                }
                refusal = e;
            }
        }
        throw refusal;
    }

    /** Calls answered by each gateway, by URL. */
    Map<String, Integer> answeredPerGateway() {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < urls.size(); i++) {
            counts.put(urls.get(i), answered.get(i));
        }
        return counts;
    }

    private static boolean isRefused(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }
}
