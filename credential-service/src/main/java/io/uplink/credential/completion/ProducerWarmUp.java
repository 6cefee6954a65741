package io.uplink.credential.completion;

import io.uplink.contracts.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Creates the Kafka producer and fetches the completions topic's metadata before the instance reports ready.
 * spring-kafka creates its producer on the first send; on a busy machine that took 4–5 s (class loading, metrics,
 * the idempotent producer's set-up), so each instance's first completions ran into the gateway's 5 s credential
 * timeout and their clients saw 504s. Readiness is published after the ready-event listeners have run, so traffic
 * arrives only once this is done.
 */
@Component
class ProducerWarmUp {

    private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);

    private final KafkaTemplate<String, String> kafka;

    ProducerWarmUp(KafkaTemplate<String, String> kafka) {
        this.kafka = kafka;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createProducerBeforeTraffic() {
        // The shared producer: closing this handle does not close it.
        try (Producer<String, String> producer = kafka.getProducerFactory().createProducer()) {
            // Blocks at most max.block.ms while the broker is unreachable; the first completion then fetches it.
            producer.partitionsFor(Topics.UPLOADS_COMPLETED);
        } catch (RuntimeException e) {
            log.warn("the Kafka producer is not ready before traffic (metadata of {}): {}; the first completion retries",
                    Topics.UPLOADS_COMPLETED, e.toString());
        }
    }
}
