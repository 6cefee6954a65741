package io.uplink.callback.fanout;

import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Consumes {@code uplink.files.events} a poll at a time: the events of a batch are stored by one statement (one
 * round trip instead of one per record). Returning normally lets the container commit the batch's offsets, which
 * happens only after {@link MessageFanOut} committed.
 * <p>
 * Every failure is reported as a {@link BatchListenerFailedException} naming the record it concerns, so
 * {@link FanOutErrorHandlingConfiguration} treats that one record exactly as it would in a record listener: the records before
 * it are committed, it is retried or dead-lettered, the records after it are redelivered. A poison record
 * therefore lets the valid records before it be stored first; a database failure names the batch's first record,
 * so nothing is committed and the whole batch waits out the outage.
 */
@Component
class FileEventListener {

    private static final Logger log = LoggerFactory.getLogger(FileEventListener.class);

    private final MessageFanOut fanOut;

    FileEventListener(MessageFanOut fanOut) {
        this.fanOut = fanOut;
    }

    @KafkaListener(id = "file-events-fan-out", idIsGroup = false, topics = Topics.FILES_EVENTS, batch = "true")
    void onFileEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        List<FileEvent> events = new ArrayList<>(records.size());
        RuntimeException rejection = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                events.add(parse(record));
            } catch (RuntimeException e) {
                rejection = e;
                break;
            }
        }
        store(events);
        if (rejection != null) {
            throw new BatchListenerFailedException(rejection.getMessage(), rejection, events.size());
        }
    }

    private void store(List<FileEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        MessageFanOut.BatchResult result;
        try {
            result = fanOut.recordAll(events);
        } catch (RuntimeException e) {
            // nothing of the batch was stored: the first record waits (database trouble) or fails for all of them
            throw new BatchListenerFailedException("storing " + events.size() + " events failed", e, 0);
        }
        log.debug("{} events -> {} new messages with {} deliveries", events.size(), result.messages(),
                result.deliveries());
    }

    private static FileEvent parse(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            throw new InvalidEventException("record has no value (tombstone)", null);
        }
        FileEvent event = EventJson.read(record.value(), FileEvent.class);
        if (event.tenantId().isBlank() || event.type().isBlank()) {
            throw new InvalidEventException("event " + event.eventId() + " has a blank tenantId or type", null);
        }
        return event;
    }
}
