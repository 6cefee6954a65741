package io.uplink.bench.e2e;

import io.uplink.testsupport.metrics.PrometheusScrape;

import java.util.List;
import java.util.Locale;

/**
 * Where the time between a completion and its webhook goes, from the services' own service-level histograms (their
 * sums and counts, read before and after the measured uploads): completion to row, row commit to relay, and the
 * event's time to a webhook accepted. Means, not percentiles: a histogram's sum and count are exact.
 */
final class StageLags {

    private static final String INGEST = "uplink_metadata_ingest_lag_seconds";
    private static final String RELAY = "uplink_metadata_outbox_relay_lag_seconds";
    private static final String WEBHOOK = "uplink_webhook_event_lag_seconds";

    private final List<String> metadataUrls;
    private final List<String> callbackUrls;

    StageLags(List<String> metadataUrls, List<String> callbackUrls) {
        this.metadataUrls = metadataUrls;
        this.callbackUrls = callbackUrls;
    }

    /** The sums and counts so far. */
    Snapshot read() {
        PrometheusScrape metadata = PrometheusScrape.textOfAll(metadataUrls);
        PrometheusScrape callback = PrometheusScrape.textOfAll(callbackUrls);
        return new Snapshot(new Totals(metadata, INGEST), new Totals(metadata, RELAY), new Totals(callback, WEBHOOK));
    }

    record Snapshot(Totals ingest, Totals relay, Totals webhook) {

        /** One line: the mean of each stage between an earlier snapshot and this one. */
        String since(Snapshot before) {
            double ingestMs = ingest.meanMillisSince(before.ingest);
            double relayMs = relay.meanMillisSince(before.relay);
            double webhookMs = webhook.meanMillisSince(before.webhook);
            return String.format(Locale.ROOT, "completion → row %.1f ms, row commit → relay sent %.1f ms,"
                            + " relay → webhook accepted %.1f ms (completion → webhook accepted %.1f ms; means)",
                    ingestMs, relayMs, webhookMs - ingestMs - relayMs, webhookMs);
        }
    }

    /** A histogram's sum (seconds) and count, over every series of it. */
    record Totals(double sumSeconds, double count) {

        Totals(PrometheusScrape scrape, String histogram) {
            this(scrape.sum(histogram + "_sum"), scrape.sum(histogram + "_count"));
        }

        double meanMillisSince(Totals before) {
            double n = count - before.count;
            return n <= 0 ? Double.NaN : (sumSeconds - before.sumSeconds) / n * 1000;
        }
    }
}
