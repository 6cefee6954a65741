package io.uplink.metadata.outbox;

import java.util.UUID;

/** An event continuing a given trace rather than the writer's current one (a record of a consumed batch). */
record TracedEvent(ExportedEvent event, String traceparent) implements ExportedEvent {

    @Override
    public UUID id() {
        return event.id();
    }

    @Override
    public String aggregateType() {
        return event.aggregateType();
    }

    @Override
    public String aggregateId() {
        return event.aggregateId();
    }

    @Override
    public String type() {
        return event.type();
    }

    @Override
    public String tenantId() {
        return event.tenantId();
    }

    @Override
    public String payload() {
        return event.payload();
    }
}
