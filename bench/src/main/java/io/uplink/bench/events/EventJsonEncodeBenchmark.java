package io.uplink.bench.events;

import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.Benchmark;
import io.uplink.bench.Comparison;
import io.uplink.bench.Interleaved;
import io.uplink.bench.Measurement;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.UploadCompleted;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cost of the shared event mapping: encoding UploadCompleted with {@link EventJson} beside a default Jackson
 * mapper encoding the same records. A ratio near 1 means the contract's settings cost nothing.
 */
public final class EventJsonEncodeBenchmark implements Benchmark {

    private static final int EVENTS = 1_000;
    private static final int ROUNDS_PER_MEASUREMENT = 10;

    private long sink;

    @Override
    public String name() {
        return "event-json-encode";
    }

    @Override
    public String description() {
        return "UploadCompleted to JSON bytes: EventJson vs a default Jackson JsonMapper";
    }

    @Override
    public Comparison run(BenchEnvironment environment) throws Exception {
        UploadCompleted[] events = new UploadCompleted[EVENTS];
        for (int i = 0; i < EVENTS; i++) {
            events[i] = SampleEvents.uploadCompleted(i);
        }
        JsonMapper plain = JsonMapper.builder().build();
        double[] rates = Interleaved.throughput(
                () -> encode(events, event -> EventJson.write(event)),
                () -> encode(events, plain::writeValueAsBytes),
                5, 9);
        if (sink == 42) {
            System.out.print(""); // keeps the encoded lengths observable so the JIT cannot drop the work
        }
        return new Comparison(
                new Measurement("EventJson", rates[0], "events/s"),
                new Measurement("default JsonMapper", rates[1], "events/s"),
                true).whereTheTimeGoes(String.format("one thread: %.2f µs of wall-clock per event with EventJson, %.2f µs"
                + " with a default JsonMapper (inverse rates)", 1e6 / rates[0], 1e6 / rates[1]));
    }

    private long encode(UploadCompleted[] events, java.util.function.Function<UploadCompleted, byte[]> encoder) {
        long bytes = 0;
        for (int round = 0; round < ROUNDS_PER_MEASUREMENT; round++) {
            for (UploadCompleted event : events) {
                bytes += encoder.apply(event).length;
            }
        }
        sink += bytes;
        return (long) EVENTS * ROUNDS_PER_MEASUREMENT;
    }
}
