package io.uplink.bench.events;

import io.uplink.bench.BenchEnvironment;
import io.uplink.bench.Benchmark;
import io.uplink.bench.Comparison;
import io.uplink.bench.Interleaved;
import io.uplink.bench.Measurement;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.UploadCompleted;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Publishing completions as credential-service does (build the event, encode it with EventJson, send keyed by
 * tenant/key with acks=all and idempotence, wait for every ack) beside sending pre-encoded byte records of the same
 * sizes and keys through the same producer settings to a scratch topic: the ratio is what the event path costs on top
 * of the broker round trips.
 *
 * <p>Both go to bench-only topics, not {@code uplink.uploads.completed}: the run's later benchmarks start
 * metadata-service on the same broker, and it dead-lettered the ~70,000 sample completions (unknown tenants) one
 * per poll for minutes, eating a core while gateway-overhead measured.
 */
public final class KafkaProduceUploadCompletedBenchmark implements Benchmark {

    private static final int RECORDS_PER_ROUND = 10_000;
    private static final String EVENT_TOPIC = "bench.uploads.completed";
    private static final String RAW_TOPIC = "bench.raw-bytes";

    @Override
    public String name() {
        return "kafka-produce-upload-completed";
    }

    @Override
    public String description() {
        return "produce UploadCompleted (build + EventJson + send, acks=all) vs pre-encoded byte records, embedded KRaft broker";
    }

    @Override
    public Comparison run(BenchEnvironment environment) throws Exception {
        String bootstrap = environment.kafka().bootstrapServers();
        environment.createTopics(EVENT_TOPIC, RAW_TOPIC);
        byte[][] rawKeys = new byte[RECORDS_PER_ROUND][];
        byte[][] rawValues = new byte[RECORDS_PER_ROUND][];
        for (int i = 0; i < RECORDS_PER_ROUND; i++) {
            UploadCompleted event = SampleEvents.uploadCompleted(i);
            rawKeys[i] = event.partitionKey().getBytes(StandardCharsets.UTF_8);
            rawValues[i] = EventJson.write(event);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.CLIENT_ID_CONFIG, "uplink-bench",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            long[] sequence = {0};
            double[] rates = Interleaved.throughput(
                    () -> {
                        for (int i = 0; i < RECORDS_PER_ROUND; i++) {
                            UploadCompleted event = SampleEvents.uploadCompleted(sequence[0]++);
                            producer.send(new ProducerRecord<>(EVENT_TOPIC,
                                    event.partitionKey().getBytes(StandardCharsets.UTF_8), EventJson.write(event)));
                        }
                        producer.flush();
                        return RECORDS_PER_ROUND;
                    },
                    () -> {
                        for (int i = 0; i < RECORDS_PER_ROUND; i++) {
                            producer.send(new ProducerRecord<>(RAW_TOPIC, rawKeys[i], rawValues[i]));
                        }
                        producer.flush();
                        return RECORDS_PER_ROUND;
                    },
                    2, 5);
            return new Comparison(
                    new Measurement("UploadCompleted via EventJson", rates[0], "records/s"),
                    new Measurement("pre-encoded bytes", rates[1], "records/s"),
                    true).whereTheTimeGoes(String.format("%.1f µs of wall-clock per record with the event built and encoded,"
                    + " %.1f µs for bytes alone (inverse rates; %.1f µs apart): sends overlap the producer's I/O thread"
                    + " and the broker, both in this JVM on the same cores", 1e6 / rates[0], 1e6 / rates[1], 1e6 / rates[0] - 1e6 / rates[1]));
        }
    }
}
