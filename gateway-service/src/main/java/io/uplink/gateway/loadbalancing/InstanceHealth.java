package io.uplink.gateway.loadbalancing;

import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Which configured instances are in rotation. Each instance's readiness endpoint is probed every
 * {@code health-check-interval}, one probe in flight per instance:
 * <ul>
 *   <li>an answer other than 200, or a refused connection, takes the instance out at once (a dead process
 *   refuses connections immediately, so it leaves within one interval);</li>
 *   <li>a probe that gets no answer within {@code health-check-timeout} only counts: the instance leaves after
 *   {@code unhealthy-after-timeouts} of them in a row, and not at all while it keeps answering proxied requests
 *   ({@link #answered}). A saturated instance answers its probe late but is alive and doing work; dropping it
 *   would move its load onto the others, or, with one instance, turn every request into a 503.</li>
 * </ul>
 */
public final class InstanceHealth implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InstanceHealth.class);

    private final LoadBalancingProperties properties;
    private final WebClient probes;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Disposable.Composite probing = Disposables.composite();

    public InstanceHealth(LoadBalancingProperties properties) {
        this.properties = properties;
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.healthCheckTimeout().toMillis());
        this.probes = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    }

    /** Starts probing these instances; they count as in rotation until a probe says otherwise. */
    public void watch(List<ServiceInstance> instances, String healthCheckPath) {
        for (ServiceInstance instance : instances) {
            State state = states.computeIfAbsent(address(instance.getHost(), instance.getPort()), a -> new State());
            probing.add(Mono.defer(() -> probe(instance, healthCheckPath))
                    .doOnNext(outcome -> record(instance, state, outcome))
                    .repeatWhen(done -> done.delayElements(properties.healthCheckInterval()))
                    .subscribe());
        }
    }

    public boolean inRotation(ServiceInstance instance) {
        State state = states.get(address(instance.getHost(), instance.getPort()));
        return state == null || state.inRotation;
    }

    /** A proxied request got an answer from this instance: evidence that it is alive, however slow its probe. */
    public void answered(String host, int port) {
        State state = states.get(address(host, port));
        if (state != null) {
            state.lastAnswerNanos = System.nanoTime();
        }
    }

    enum Outcome { UP, DOWN, NO_ANSWER }

    private Mono<Outcome> probe(ServiceInstance instance, String healthCheckPath) {
        return probes.get().uri(instance.getUri() + healthCheckPath)
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(response.statusCode().value() == 200 ? Outcome.UP : Outcome.DOWN))
                .timeout(properties.healthCheckTimeout())
                .onErrorResume(error -> Mono.just(isNoAnswer(error) ? Outcome.NO_ANSWER : Outcome.DOWN));
    }

    private static boolean isNoAnswer(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private void record(ServiceInstance instance, State state, Outcome outcome) {
        boolean was = state.inRotation;
        switch (outcome) {
            case UP -> {
                state.consecutiveNoAnswers = 0;
                state.inRotation = true;
            }
            case DOWN -> {
                state.consecutiveNoAnswers = 0;
                state.inRotation = false;
            }
            case NO_ANSWER -> {
                Duration sinceAnswer = Duration.ofNanos(System.nanoTime() - state.lastAnswerNanos);
                if (sinceAnswer.compareTo(properties.healthCheckInterval().plus(properties.healthCheckTimeout())) < 0) {
                    state.consecutiveNoAnswers = 0; // busy, not dead: it answered traffic during this probe
                } else if (++state.consecutiveNoAnswers >= properties.unhealthyAfterTimeouts()) {
                    state.inRotation = false;
                }
            }
        }
        if (was != state.inRotation) {
            if (state.inRotation) {
                log.info("{} instance {} is back in rotation", instance.getServiceId(), instance.getUri());
            } else {
                log.warn("{} instance {} leaves the rotation: readiness probe {}", instance.getServiceId(), instance.getUri(),
                        outcome == Outcome.DOWN ? "failed" : "unanswered " + state.consecutiveNoAnswers + " times");
            }
        }
    }

    private static String address(String host, int port) {
        return host + ":" + port;
    }

    @Override
    public void close() {
        probing.dispose();
    }

    private static final class State {
        private volatile boolean inRotation = true;
        private volatile int consecutiveNoAnswers;
        private volatile long lastAnswerNanos = System.nanoTime() - Duration.ofDays(1).toNanos();
    }
}
