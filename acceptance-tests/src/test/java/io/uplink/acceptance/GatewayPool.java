package io.uplink.acceptance;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Function;

/**
 * Several gateways as a client behind a load balancer reaches them. The pool probes each gateway's readiness every
 * {@link #PROBE_INTERVAL}, as a load balancer's health checks do: a gateway that is stopping says so (it drains with
 * readiness down before it closes its port) and gets no new calls. Each call goes to the next gateway in rotation in
 * turn (to every gateway when none is, as a load balancer's panic mode does), and a call whose connection is refused
 * (the request never left the client) goes to the next one at once. Everything else — an answer of any status, a
 * connection dropped after the request was sent — is the caller's to see. Counts calls answered per gateway.
 */
final class GatewayPool implements GatewayCalls {

    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final HttpClient PROBES = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final List<String> urls;
    private final List<Gateway> gateways;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicIntegerArray answered;
    /** 1 while the gateway's last probe said ready. */
    private final AtomicIntegerArray ready;
    private final AtomicInteger refused = new AtomicInteger();

    GatewayPool(List<String> urls, String apiKey) {
        this.urls = List.copyOf(urls);
        this.gateways = urls.stream().map(url -> new Gateway(url, () -> apiKey)).toList();
        this.answered = new AtomicIntegerArray(urls.size());
        this.ready = new AtomicIntegerArray(urls.size());
        ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-pool-probes");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < urls.size(); i++) {
            ready.set(i, 1);
            int gateway = i;
            probes.scheduleWithFixedDelay(() -> ready.set(gateway, probe(this.urls.get(gateway)) ? 1 : 0),
                    0, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Gateway.Answer call(Function<Gateway, Gateway.Answer> request) {
        UncheckedIOException refusal = null;
        for (int chosen : order()) {
            try {
                Gateway.Answer answer = request.apply(gateways.get(chosen));
                answered.incrementAndGet(chosen);
                return answer;
            } catch (UncheckedIOException e) {
                if (!isRefused(e)) {
                    throw e;
                }
                refused.incrementAndGet();
                refusal = e;
            }
        }
        throw refusal;
    }

    /** Gateways in rotation first, in turn from the next one; then the others. */
    private List<Integer> order() {
        int first = Math.floorMod(next.getAndIncrement(), gateways.size());
        List<Integer> inRotation = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < gateways.size(); i++) {
            int gateway = (first + i) % gateways.size();
            (ready.get(gateway) == 1 ? inRotation : out).add(gateway);
        }
        inRotation.addAll(out);
        return inRotation;
    }

    /** Calls answered by each gateway, by URL. */
    Map<String, Integer> answeredPerGateway() {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < urls.size(); i++) {
            counts.put(urls.get(i), answered.get(i));
        }
        return counts;
    }

    /** Connections refused and sent to another gateway. */
    int refusedAndRedirected() {
        return refused.get();
    }

    private static boolean probe(String url) {
        try {
            return PROBES.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
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
