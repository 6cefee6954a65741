package io.uplink.credential.completion;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.credential.web.ServiceUnavailableException;
import io.uplink.servlet.trace.RecordTracing;
import io.uplink.servlet.trace.SampledLines;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes verified completions and waits for the broker's acknowledgement (idempotent producer, acks=all).
 * If Kafka does not confirm, the call fails with 503 and the session stays pending, so the client's retry
 * publishes again with the same event id: a completion is never silently lost.
 */
@Component
public class CompletionPublisher {

    private static final Logger log = LoggerFactory.getLogger(CompletionPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final CompletionProperties properties;
    private final RecordTracing tracing;

    CompletionPublisher(KafkaTemplate<String, String> kafka, CompletionProperties properties, RecordTracing tracing) {
        this.kafka = kafka;
        this.properties = properties;
        this.tracing = tracing;
    }

    public void publish(UploadCompleted event) {
        // One deadline for the whole publish: send() itself blocks (up to the producer's max.block.ms) while the
        // broker is unreachable and the topic's metadata unknown, and that wait must count against the same
        // budget, or the caller answers after the gateway has already given up with a 504.
        long deadline = System.nanoTime() + properties.publishTimeout().toNanos();
        // A producer span continuing the request's trace; its context goes in the record's headers, so the
        // consumers' spans join the upload's trace.
        Span span = tracing.startProducer(Topics.UPLOADS_COMPLETED + " send");
        try (Tracer.SpanInScope ignored = tracing.inScope(span)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.UPLOADS_COMPLETED,
                    event.partitionKey(), EventJson.writeString(event));
            tracing.inject(span, record.headers());
            var sent = kafka.send(record);
            sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            SampledLines.write(log, span, "completion of upload {} published: tenant {}, key {}, {} bytes, event {}",
                    event.uploadId(), event.tenantId(), event.key(), event.size(), event.eventId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while publishing the completion", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            span.error(e);
            throw new ServiceUnavailableException("the completion could not be published; retry the call", e);
        } finally {
            span.end();
        }
    }
}
