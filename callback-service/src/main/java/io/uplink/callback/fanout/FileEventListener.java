package io.uplink.callback.fanout;

import io.micrometer.tracing.Span;
import io.uplink.contracts.EventJson;
import io.uplink.contracts.FileEvent;
import io.uplink.contracts.InvalidEventException;
import io.uplink.contracts.Topics;
import io.uplink.servlet.trace.RecordTracing;
import io.uplink.servlet.trace.SampledLines;
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
    private final RecordTracing tracing;

    FileEventListener(MessageFanOut fanOut, RecordTracing tracing) {
        this.fanOut = fanOut;
        this.tracing = tracing;
    }

    @KafkaListener(id = "file-events-fan-out", idIsGroup = false, topics = Topics.FILES_EVENTS, batch = "true")
    void onFileEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        List<MessageFanOut.ConsumedEvent> events = new ArrayList<>(records.size());
        List<Span> spans = new ArrayList<>(records.size());
        RuntimeException rejection = null;
        try {
            for (ConsumerRecord<byte[], byte[]> record : records) {
                Span span = tracing.startConsumer(Topics.FILES_EVENTS + " process", record.headers());
                spans.add(span);
                try {
                    events.add(new MessageFanOut.ConsumedEvent(parse(record), RecordTracing.traceparent(span)));
                } catch (RuntimeException e) {
                    span.error(e);
                    rejection = e;
                    break;
                }
            }
            store(events, spans);
        } finally {
            spans.forEach(Span::end);
        }
        if (rejection != null) {
            throw new BatchListenerFailedException(rejection.getMessage(), rejection, events.size());
        }
    }

    private void store(List<MessageFanOut.ConsumedEvent> events, List<Span> spans) {
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
        for (int i = 0; i < events.size(); i++) {
            FileEvent event = events.get(i).event();
            SampledLines.writeInScope(log, tracing, spans.get(i), "{} {} of tenant {} fanned out (file {})",
                    event.type(), event.eventId(), event.tenantId(), event.data() == null ? null : event.data().fileId());
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
