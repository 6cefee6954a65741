package io.uplink.acceptance;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    static synchronized void keep(Ledger ledger) {
        KEPT.add(ledger);
    }

    /** Prints every scenario's ledger as one table, and writes it to {@code target/reliability-ledger.md}. */
    static synchronized void printAll(PrintStream out) {
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
