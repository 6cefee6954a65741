package io.uplink.acceptance;

import io.uplink.localstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliability (profile {@code reliability}, the suite scaled out: {@link RunningSuite#SCALED_OUT}): clients upload
 * through both gateways, as a load balancer in front of them would spread them. Every instance of every service must
 * do part of the work — gateways answer calls, credential-service instances mint, metadata-service instances ingest
 * completions from their share of the partitions, callback-service instances deliver webhooks — and every upload
 * must end as exactly one row and one accepted webhook. Each instance's share is read from its own metrics.
 */
class EveryInstanceSharesTheWorkScenario {

    private static final int CLIENTS = 4;
    private static final int UPLOADS_PER_CLIENT = 30;
    /** Keeps four clients under the tenant's default rate limit, so nothing is throttled. */
    private static final Duration PACE = Duration.ofMillis(250);

    @RegisterExtension
    static final ScenarioTenant world = new ScenarioTenant("spread");

    @Test
    void uploadsThroughTwoGatewaysAreSharedByEveryInstanceOfEveryServiceAndEachIsAnnouncedOnce() throws Exception {
        LocalStack suite = world.suite();
        TenantBackend tenant = world.backend();
        assertThat(suite.gatewayUrls()).as("gateways (RunningSuite with %s=true)", RunningSuite.SCALED_OUT_PROPERTY)
                .hasSize(RunningSuite.SCALED_OUT.gateways());
        WorkPerInstance before = WorkPerInstance.read(suite);
        GatewayPool gateways = new GatewayPool(suite.gatewayUrls(), tenant.apiKey());

        Instant began = Instant.now();
        UploadLoad load = new UploadLoad(tenant, Duration.ofSeconds(60)).through(gateways).pacedAt(PACE)
                .start(CLIENTS, UPLOADS_PER_CLIENT);
        List<String> keys = load.finish(Duration.ofMinutes(5));
        Duration uploading = Duration.between(began, Instant.now());
        var rows = ReliabilityChecks.awaitEveryAnnouncement(world.admin(), tenant, keys, Announcements.PIPELINE);
        WorkPerInstance.Shares shares = WorkPerInstance.read(suite).since(before);

        Ledger ledger = Ledger.account("work spread over every instance (two of each service)",
                keys, rows, tenant.webhooks(), String.format("%d clients through both gateways, %d s; calls answered per gateway %s;"
                        + " %s; %s", CLIENTS, uploading.toSeconds(), gateways.answeredPerGateway().values(), shares, load.retries()));
        Ledger.keep(ledger);

        assertThat(gateways.answeredPerGateway()).as("calls answered per gateway").allSatisfy((gateway, calls) ->
                assertThat(calls).as(gateway).isPositive());
        shares.assertEveryInstanceDidSome();
        assertThat(ledger.eventsIn()).isEqualTo(CLIENTS * UPLOADS_PER_CLIENT);
        ReliabilityChecks.assertNothingLostOrDuplicated(ledger);
    }

    /** The counters that say which instance did what, each read from every instance of its service. */
    record WorkPerInstance(Map<String, Double> mints, Map<String, Double> ingested, Map<String, Double> delivered) {

        static WorkPerInstance read(LocalStack suite) {
            return new WorkPerInstance(
                    InstanceMetrics.read(suite, "credential-service", "http_server_requests_seconds_count",
                            "method=\"POST\"", "uri=\"/api/v1/uploads\""),
                    InstanceMetrics.read(suite, "metadata-service", "uplink_metadata_ingest_records_total",
                            "topic=\"uplink.uploads.completed\""),
                    InstanceMetrics.read(suite, "callback-service", "uplink_webhook_deliveries_total"));
        }

        Shares since(WorkPerInstance before) {
            return new Shares(InstanceMetrics.since(before.mints, mints), InstanceMetrics.since(before.ingested, ingested),
                    InstanceMetrics.since(before.delivered, delivered));
        }

        record Shares(Map<String, Long> mints, Map<String, Long> ingested, Map<String, Long> delivered) {

            void assertEveryInstanceDidSome() {
                assertThat(mints).as("uploads minted per credential-service instance").allSatisfy((instance, count) ->
                        assertThat(count).as(instance).isPositive());
                assertThat(ingested).as("completions ingested per metadata-service instance").allSatisfy((instance, count) ->
                        assertThat(count).as(instance).isPositive());
                assertThat(delivered).as("webhooks delivered per callback-service instance").allSatisfy((instance, count) ->
                        assertThat(count).as(instance).isPositive());
            }

            @Override
            public String toString() {
                return "mints per credential instance " + mints + ", completions ingested per metadata instance " + ingested
                        + ", webhooks delivered per callback instance " + delivered;
            }
        }
    }
}
