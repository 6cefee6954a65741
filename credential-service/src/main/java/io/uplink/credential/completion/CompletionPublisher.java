package io.uplink.credential.completion;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.Topics;
import io.uplink.contracts.UploadCompleted;
import io.uplink.credential.web.ServiceUnavailableException;
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

    private final KafkaTemplate<String, String> kafka;
    private final CompletionProperties properties;

    CompletionPublisher(KafkaTemplate<String, String> kafka, CompletionProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    public void publish(UploadCompleted event) {
        // One deadline for the whole publish: send() itself blocks (up to the producer's max.block.ms) while the
        // broker is unreachable and the topic's metadata unknown, and that wait must count against the same
        // budget, or the caller answers after the gateway has already given up with a 504.
        long deadline = System.nanoTime() + properties.publishTimeout().toNanos();
        try {
            var sent = kafka.send(Topics.UPLOADS_COMPLETED, event.partitionKey(), EventJson.writeString(event));
            sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while publishing the completion", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new ServiceUnavailableException("the completion could not be published; retry the call", e);
        }
    }
}
