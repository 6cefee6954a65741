package io.uplink.bench;

import io.uplink.bench.events.EventJsonEncodeBenchmark;
import io.uplink.bench.events.KafkaProduceUploadCompletedBenchmark;
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
                new MetadataIngestBenchmark(),
                new MetadataListBenchmark());
    }
}
