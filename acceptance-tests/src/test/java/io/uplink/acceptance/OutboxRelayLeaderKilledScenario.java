package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}): two metadata-service instances share the database and the outbox relay's
 * name; one holds the relay's leader lock (a Postgres session advisory lock) and streams the outbox from the WAL, the
 * other stands by. The leader is killed (SIGKILL) while clients upload and webhooks are in flight: its session and
 * lock die with it, the standby takes the lead and resumes from the stored offsets, the killed instance comes back as
 * the standby. Every upload must end as exactly one row and one accepted webhook; re-sent events keep their id.
 */
class OutboxRelayLeaderKilledScenario {

    private static final int CLIENTS = 4;
    private static final int UPLOADS_PER_CLIENT = 40;
    private static final int KILL_AFTER_UPLOADS = 40;
    private static final int KILL_AFTER_WEBHOOKS = 20;

    @RegisterExtension
    static final ScenarioTenant world = new ScenarioTenant("relay");


    @Test
    void theStandbyTakesOverTheOutboxRelayAndEveryUploadIsAnnouncedOnceWhenTheLeaderIsKilled() throws Exception {
        LocalStack suite = world.suite();
        TenantBackend tenant = world.backend();
        List<String> instances = suite.instancesOf("metadata-service");
        assertThat(instances).as("metadata-service instances (RunningSuite with %s=true)",
                RunningSuite.SCALED_OUT_PROPERTY).hasSizeGreaterThanOrEqualTo(2);
        String leader = OutboxRelayRoles.awaitSingleLeader(suite, instances, Duration.ofMinutes(1));
        List<String> standbys = instances.stream().filter(instance -> !instance.equals(leader)).toList();
        assertThat(standbys).allSatisfy(standby ->
                assertThat(OutboxRelayRoles.roleOf(suite, standby)).isEqualTo(OutboxRelayRoles.STANDBY));

        Instant began = Instant.now();
        UploadLoad load = new UploadLoad(tenant, Duration.ofMinutes(3)).start(CLIENTS, UPLOADS_PER_CLIENT);
        load.awaitCompleted(KILL_AFTER_UPLOADS, Duration.ofMinutes(3));
        Eventually.await(KILL_AFTER_WEBHOOKS + " webhooks delivered", Duration.ofMinutes(2),
                () -> tenant.webhooks().size() >= KILL_AFTER_WEBHOOKS ? Optional.of(true) : Optional.empty());
        suite.kill(leader);
        int completedAtKill = load.completed();
        int webhooksAtKill = tenant.webhooks().size();
        Instant killedAt = Instant.now();
        String standby = Eventually.await("one of " + standbys + " leading the outbox relay", Duration.ofMinutes(1),
                () -> standbys.stream().filter(candidate -> OutboxRelayRoles.LEADER.equals(OutboxRelayRoles.roleOf(suite, candidate)))
                        .findFirst());
        Duration takeover = Duration.between(killedAt, Instant.now());
        suite.restart(leader);
        Duration down = Duration.between(killedAt, Instant.now());
        String restartedRole = OutboxRelayRoles.roleOf(suite, leader);
        List<String> keys = load.finish(Duration.ofMinutes(5));

        Ledger ledger = Ledger.account("outbox relay leader killed", keys,
                ReliabilityChecks.awaitEveryAnnouncement(world.admin(), tenant, keys, Duration.ofMinutes(3)),
                tenant.webhooks(), String.format("%d clients; leader %s SIGKILLed after %d uploads and %d webhooks (%d s in);"
                                + " %s led %.1f s later; %s back as %s after %d s; %s",
                        CLIENTS, leader, completedAtKill, webhooksAtKill, Duration.between(began, killedAt).toSeconds(),
                        standby, takeover.toMillis() / 1000.0, leader, restartedRole, down.toSeconds(), load.retries()));
        Ledger.keep(ledger);

        assertThat(restartedRole).as("the restarted instance stands by: the lead does not flap back").isEqualTo(OutboxRelayRoles.STANDBY);
        assertThat(OutboxRelayRoles.roleOf(suite, standby)).isEqualTo(OutboxRelayRoles.LEADER);
        assertThat(ledger.eventsIn()).isEqualTo(CLIENTS * UPLOADS_PER_CLIENT);
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }
}
