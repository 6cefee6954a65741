package io.uplink.callback.fanout;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code uplink.files.events}. Returning normally lets the container commit the offset, which happens
 * only after {@link MessageFanOut} committed its transaction; failures are classified by
 * {@link FanOutErrorHandling}.
 */
@Component
class FileEventListener {

    private static final Logger log = LoggerFactory.getLogger(FileEventListener.class);

    private final MessageFanOut fanOut;

    FileEventListener(MessageFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @KafkaListener(id = "file-events-fan-out", idIsGroup = false, topics = Topics.FILES_EVENTS)
    void onFileEvent(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new InvalidEventException("record has no value (tombstone)", null);
        }
        FileEvent event = EventJson.read(record.value(), FileEvent.class);
        if (event.tenantId().isBlank() || event.type().isBlank()) {
            throw new InvalidEventException("event " + event.eventId() + " has a blank tenantId or type", null);
        }
        MessageFanOut.FanOutResult result = fanOut.record(event);
        if (result.duplicate()) {
            log.debug("event {} already recorded, nothing to do", event.eventId());
        } else {
            log.debug("event {} ({} of tenant {}) -> message {} with {} deliveries", event.eventId(), event.type(),
                    event.tenantId(), result.messageId(), result.deliveries());
        }
    }
}
