package io.uplink.bench;

import io.uplink.bench.credential.CredentialMintingBenchmark;
import io.uplink.bench.e2e.UploadToWebhookLatencyBenchmark;
import io.uplink.bench.events.EventJsonEncodeBenchmark;
import io.uplink.bench.events.KafkaProduceUploadCompletedBenchmark;
import io.uplink.bench.webhooks.WebhookDeliveriesBenchmark;
import io.uplink.bench.webhooks.WebhookLatencyBenchmark;
import io.uplink.bench.gateway.GatewayOverheadBenchmark;
import io.uplink.bench.metadata.MetadataIngestBenchmark;
import io.uplink.bench.metadata.MetadataListBenchmark;

import java.util.List;

/** Every benchmark, in the order a full run executes them. Add new ones here. */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        return List.of(
                new EventJsonEncodeBenchmark(),
                new KafkaProduceUploadCompletedBenchmark(),
                new WebhookDeliveriesBenchmark(),
                new WebhookLatencyBenchmark(),
                new GatewayOverheadBenchmark(),
                new CredentialMintingBenchmark(),
                new MetadataIngestBenchmark(),
                new MetadataListBenchmark(),
                new UploadToWebhookLatencyBenchmark());
    }
}
