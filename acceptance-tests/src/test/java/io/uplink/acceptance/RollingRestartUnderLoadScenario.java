package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}, the suite scaled out): a rolling restart of every service under a steady
 * upload load through both gateways. Each service restarts one instance at a time — SIGTERM, wait until the process
 * has stopped, start it, wait until it is ready, then the next — and the four services roll at once, as a deployment
 * tool rolls each of them. The clients stand behind a load balancer ({@link GatewayPool}: a refused connection goes
 * to the other gateway). No client request may fail — no 5xx, no 429, no connection dropped after it was sent — and
 * every upload must end as exactly one row and one accepted webhook.
 */
class RollingRestartUnderLoadScenario {

    private static final List<String> SERVICES =
            List.of("gateway-service", "credential-service", "metadata-service", "callback-service");
    private static final int CLIENTS = 3;
    private static final Duration PACE = Duration.ofMillis(400);

    @RegisterExtension
    static final ScenarioTenant world = new ScenarioTenant("rolling");

    @Test
    void aRollingRestartOfEveryServiceUnderLoadFailsNoClientRequestAndLosesOrDuplicatesNothing() throws Exception {
        LocalStack suite = world.suite();
        TenantBackend tenant = world.backend();
        GatewayPool gateways = new GatewayPool(suite.gatewayUrls(), tenant.apiKey());
        UploadLoad load = new UploadLoad(tenant, Duration.ofMinutes(2)).through(gateways).pacedAt(PACE)
                .startUntilStopped(CLIENTS);
        load.awaitCompleted(3 * CLIENTS, Duration.ofMinutes(2));

        Instant began = Instant.now();
        Map<String, Duration> restartTimes = new ConcurrentHashMap<>();
        ExecutorService rollers = Executors.newFixedThreadPool(SERVICES.size());
        List<Future<?>> rolls = new ArrayList<>();
        for (String service : SERVICES) {
            rolls.add(rollers.submit(() -> {
                for (String instance : suite.instancesOf(service)) {
                    Instant restarting = Instant.now();
                    suite.restart(instance);
                    restartTimes.put(instance, Duration.between(restarting, Instant.now()));
                }
                return null;
            }));
        }
        for (Future<?> roll : rolls) {
            roll.get(10, TimeUnit.MINUTES);
        }
        rollers.shutdown();
        Duration rolling = Duration.between(began, Instant.now());
        int completedWhileRolling = load.completed();
        load.stop();
        List<String> keys = load.finish(Duration.ofMinutes(3));

        Ledger ledger = Ledger.account("rolling restart of every service under load", keys,
                ReliabilityChecks.awaitEveryAnnouncement(world.admin(), tenant, keys, Announcements.PIPELINE),
                tenant.webhooks(), String.format("%d clients paced at one upload per %d ms each, through both gateways;"
                                + " %d instances restarted one at a time per service (SIGTERM, ready, next) in %d s, %s;"
                                + " %d uploads completed meanwhile; calls answered per gateway %s; %d refused connections"
                                + " sent to the other gateway; %s",
                        CLIENTS, PACE.toMillis(), restartTimes.size(), rolling.toSeconds(), secondsEach(restartTimes),
                        completedWhileRolling, gateways.answeredPerGateway().values(), gateways.refusedAndRedirected(),
                        load.retries()));
        Ledger.keep(ledger);

        assertThat(restartTimes).as("instances restarted").hasSize(SERVICES.stream().mapToInt(s -> suite.instancesOf(s).size()).sum());
        assertThat(load.retried()).as("client requests that failed: %s", load.retries()).isZero();
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }

    private static String secondsEach(Map<String, Duration> restartTimes) {
        StringBuilder each = new StringBuilder("restart to ready");
        new java.util.TreeMap<>(restartTimes).forEach((instance, took) ->
                each.append(' ').append(instance).append(' ').append(took.toSeconds()).append(" s,"));
        return each.substring(0, each.length() - 1);
    }
}
