package io.uplink.acceptance;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The end of every reliability scenario: wait for the pipeline to drain, then nothing lost, nothing duplicated. */
final class ReliabilityChecks {

    private ReliabilityChecks() {
    }

    /** Waits until the tenant's backend verified a webhook for every key; returns the tenant's metadata rows then. */
    static List<JsonNode> awaitEveryAnnouncement(PlatformAdmin admin, TenantBackend tenant, List<String> keys, Duration timeout) {
        Set<String> wanted = new HashSet<>(keys);
        try {
            Eventually.await("a verified webhook for each of " + keys.size() + " uploads", timeout, () -> {
                Set<String> announced = new HashSet<>();
                tenant.webhooks().forEach(delivery -> announced.add(TenantBackend.dataOf(delivery).path("key").asString()));
                return announced.containsAll(wanted) ? Optional.of(true) : Optional.empty();
            });
        } catch (AssertionError timedOut) {
            // The ledger shows what is missing; its assertions fail the scenario.
        }
        return admin.filesOf(tenant.tenantId(), tenant.keyPrefix());
    }

    static void assertNothingLostOrDuplicated(Ledger ledger) {
        assertThat(ledger.lost()).as("lost (%s)", ledger).isZero();
        assertThat(ledger.duplicates()).as("duplicates other than same-id redeliveries (%s)", ledger).isZero();
        assertThat(ledger.rowsOut()).isEqualTo(ledger.eventsIn());
        assertThat(ledger.webhooksDelivered()).isEqualTo(ledger.eventsIn());
    }
}
