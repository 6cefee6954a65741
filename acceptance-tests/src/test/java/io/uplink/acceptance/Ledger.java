package io.uplink.acceptance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import io.uplink.localstack.webhook.DemoWebhookReceiver.VerifiedDelivery;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The account every reliability scenario ends with: what went in, what came out, and the difference.
 *
 * @param eventsIn uploads whose completion Uplink accepted
 * @param rowsOut metadata rows for those uploads (distinct object keys)
 * @param webhooksDelivered those uploads announced by at least one verified, accepted {@code file.created}
 * @param redeliveries accepted deliveries beyond the first of a webhook-id (allowed: at-least-once, same id)
 * @param duplicates extra rows for one key plus extra webhook-ids for one file (must be 0)
 * @param lost uploads without a row or without an accepted webhook (must be 0)
 * @param notes what the scenario did to the suite
 */
record Ledger(String scenario, int eventsIn, int rowsOut, int webhooksDelivered, int redeliveries, int duplicates,
              int lost, String notes) {

    private static final List<Ledger> KEPT = new ArrayList<>();

    /**
     * Accounts for the uploads whose completion was accepted ({@code keys}), given the metadata rows of their tenant
     * and the webhooks its backend accepted.
     */
    static Ledger account(String scenario, List<String> keys, List<JsonNode> rows, List<VerifiedDelivery> accepted,
                          String notes) {
        Map<String, Integer> rowsPerKey = new HashMap<>();
        rows.forEach(file -> rowsPerKey.merge(file.path("key").asString(), 1, Integer::sum));
        Map<String, Set<String>> webhookIdsPerKey = new HashMap<>();
        Map<String, Integer> acceptedPerWebhookId = new HashMap<>();
        for (VerifiedDelivery delivery : accepted) {
            webhookIdsPerKey.computeIfAbsent(TenantBackend.dataOf(delivery).path("key").asString(), key -> new HashSet<>())
                    .add(delivery.webhookId());
            acceptedPerWebhookId.merge(delivery.webhookId(), 1, Integer::sum);
        }
        return account(scenario, keys, rowsPerKey, webhookIdsPerKey, acceptedPerWebhookId, notes);
    }

    /**
     * The same account from tallies, for scenarios too large to keep every row and delivery: metadata rows per object
     * key, the distinct webhook-ids accepted per object key, and how often each webhook-id was accepted.
     */
    static Ledger account(String scenario, Collection<String> keys, Map<String, Integer> rowsPerKey,
                          Map<String, ? extends Collection<String>> webhookIdsPerKey,
                          Map<String, Integer> acceptedPerWebhookId, String notes) {
        int rowsOut = (int) keys.stream().filter(rowsPerKey::containsKey).count();
        int delivered = (int) keys.stream().filter(webhookIdsPerKey::containsKey).count();
        int redeliveries = acceptedPerWebhookId.values().stream().mapToInt(count -> count - 1).sum();
        int duplicates = rowsPerKey.values().stream().mapToInt(count -> count - 1).sum()
                + webhookIdsPerKey.values().stream().mapToInt(ids -> ids.size() - 1).sum();
        int lost = (int) keys.stream()
                .filter(key -> !rowsPerKey.containsKey(key) || !webhookIdsPerKey.containsKey(key)).count();
        return new Ledger(scenario, keys.size(), rowsOut, delivered, redeliveries, duplicates, lost, notes);
    }

    static synchronized void keep(Ledger ledger) {
        KEPT.add(ledger);
    }

    /** Prints every scenario's ledger as one table, and writes it to {@code target/reliability-ledger.md}. */
    static synchronized void printAllIfAny(PrintStream out) {
        if (KEPT.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder()
                .append("| scenario | events in | rows out | webhooks delivered | redeliveries (same id) | duplicates | lost | notes |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Ledger ledger : KEPT) {
            table.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %s |%n", ledger.scenario(), ledger.eventsIn(),
                    ledger.rowsOut(), ledger.webhooksDelivered(), ledger.redeliveries(), ledger.duplicates(),
                    ledger.lost(), ledger.notes()));
        }
        out.println("reliability ledger\n" + table);
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("reliability-ledger.md"), table.toString());
            }
        } catch (IOException e) {
            out.println("could not write target/reliability-ledger.md: " + e.getMessage());
        }
    }
}
